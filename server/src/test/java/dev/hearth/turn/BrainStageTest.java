package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.Brain;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.turn.Frame.ReplyDelta;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.Transcript;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A voice turn in which nothing was heard is answered, without asking the brain, unless it was cancelled. */
class BrainStageTest {
  private final StoreThread store = new StoreThread(SqliteStore.inMemory());
  private final AtomicInteger asked = new AtomicInteger();
  private final Responder counting = new Responder() {
    @Override public String source() { return "skill"; }
    @Override public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) {
      asked.incrementAndGet();
      return Optional.of(Reply.of("An answer.", "skill"));
    }
  };
  private final StageHarness h = new StageHarness(new BrainStage(new Brain(List.of(counting)), store.history(),
      Clock.systemUTC(), new BrainStage.Settings(ZoneOffset.UTC, 10, 5_000, "test")));

  @BeforeEach
  void createConversation() {
    store.history().submit(s -> s.createConversation("c", null, 0)).join();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void anEmptyTranscriptIsAnsweredThatNothingWasCaught() throws Exception {
    Turn t = voiceTurn();
    h.send(new Transcript(t, ""));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof ReplyDone), 5_000);

    assertThat(h.down()).extracting(f -> f.getClass().getSimpleName())
        .containsExactly("Transcript", "ReplyDelta", "ReplyDone");
    assertThat(((ReplyDelta) h.down().get(1)).text()).isEqualTo("Sorry, I didn't catch that. Please try again.");
    assertThat(((ReplyDone) h.down().get(2)).reply()).isEqualTo(
        Reply.of("Sorry, I didn't catch that. Please try again.", "fallback"));
    assertThat(asked).hasValue(0);
  }

  @Test
  void aCancelledTurnsEmptyTranscriptGetsNoAnswer() throws Exception {
    Turn cancelled = voiceTurn();
    cancelled.cancel();
    Turn next = voiceTurn();
    h.send(new Transcript(cancelled, ""), new Transcript(next, "hello"));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof ReplyDone), 5_000);

    assertThat(h.down()).allMatch(f -> f.turn() == next);
    assertThat(h.down()).filteredOn(f -> f instanceof ReplyDone).singleElement()
        .satisfies(f -> assertThat(((ReplyDone) f).reply().text()).isEqualTo("An answer."));
  }

  private Turn voiceTurn() {
    return new Turn(Turn.Kind.VOICE, "c", false, "v", System::nanoTime);
  }
}
