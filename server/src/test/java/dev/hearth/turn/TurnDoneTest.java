package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.Brain;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.store.EventType;
import dev.hearth.store.HistoryStore;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreExecutor;
import dev.hearth.store.StoreThread;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session is its pipeline's sink: it hears from the pipeline's tail that the turn started speaking and that it
 * ended, and sends {@code turn_done} once, last; by then the history holds the user's words and the reply (that the
 * reply is committed first is {@link HistoryStageTest}'s to show).
 */
class TurnDoneTest {
  private final StoreThread thread = new StoreThread(SqliteStore.inMemory());
  private final StoreExecutor<HistoryStore> store = thread.history();
  private final List<ServerMessage> sent = new CopyOnWriteArrayList<>();
  private final ClientLink link = new ClientLink() {
    @Override public void send(ServerMessage message) { sent.add(message); }
    @Override public void sendAudio(byte[] pcm) { }
  };
  private final Responder noon = new Responder() {
    @Override public String source() { return "skill"; }
    @Override public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) {
      return Optional.of(Reply.of("It is noon.", "skill"));
    }
  };

  @AfterEach
  void closeStore() {
    thread.close();
  }

  @Test
  void theSessionSpeaksThenSendsTurnDoneOnceTheTurnIsStored() throws Exception {
    ManualTime time = new ManualTime();
    HistoryStage history = new HistoryStage(store, Clock.systemUTC(), 10);
    Pipeline.Builder stages = Pipeline.builder(time, time)
        .addInline(history.user())
        .addInline(new BrainStage(new Brain(List.of(noon)), Clock.systemUTC(),
            new BrainStage.Settings(ZoneOffset.UTC, 5_000, "test")))
        .addInline(new SentenceStage())
        .addInline(new TtsStage(new FakeTextToSpeech(2), 60_000))
        .addInline(new ClientOutput(link))
        .addInline(history);
    TurnController session = new TurnController(link, stages, (s, conversationId) -> { }, "v", time);
    List<TurnController.State> states = new CopyOnWriteArrayList<>();
    session.onStateChange(states::add);

    session.text("what time is it", null, null);
    awaitSent(ServerMessage.TurnDone.class);

    assertThat(states).containsExactly(TurnController.State.THINKING, TurnController.State.SPEAKING,
        TurnController.State.IDLE);
    assertThat(sent).extracting(m -> m.getClass().getSimpleName())
        .containsSubsequence("Ready", "ReplyDelta", "ReplyFinal", "AudioStart", "AudioEnd", "TurnDone")
        .endsWith("TurnDone")
        .filteredOn("TurnDone"::equals).hasSize(1);
    String conversation = ((ServerMessage.TurnDone) sent.get(sent.size() - 1)).conversationId();
    assertThat(store.submit(s -> s.events(conversation)).join()).extracting(e -> e.type())
        .containsExactly(EventType.USER_TEXT, EventType.ASSISTANT_REPLY);
  }

  private void awaitSent(Class<? extends ServerMessage> type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    while (sent.stream().noneMatch(type::isInstance)) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("no " + type.getSimpleName() + " in " + sent);
      Thread.sleep(5);
    }
  }
}
