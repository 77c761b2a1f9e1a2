package dev.hearth.turn;

import dev.hearth.audio.AudioChunk;
import dev.hearth.brain.Brain;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.ContextTurn;
import dev.hearth.brain.Reply;
import dev.hearth.brain.skills.OfflineFallback;
import dev.hearth.store.Event;
import dev.hearth.store.EventType;
import dev.hearth.store.NewEvent;
import dev.hearth.store.HistoryStore;
import dev.hearth.store.StoreExecutor;
import dev.hearth.turn.Frame.PttPressed;
import dev.hearth.turn.Frame.ReplyDelta;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.TextIn;
import dev.hearth.turn.Frame.Transcript;
import dev.hearth.turn.Frame.TurnAccepted;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The brain. On {@code PttPressed} or {@code TextIn} it finds or creates the turn's conversation and emits
 * {@code TurnAccepted} (or an {@code unknown_conversation} error). On a {@code Transcript} or {@code TextIn} it
 * stores the user's words, asks the brain with the conversation's recent events as context and emits
 * {@code ReplyDelta}s and one {@code ReplyDone} (after a {@code SpokenReply} when the answer comes with its own
 * speech). An empty transcript (nothing was heard) is answered "Sorry, I didn't catch that" without asking the
 * brain; a cancelled turn's transcript never reaches this stage.
 */
public final class BrainStage extends Stage {
  private static final List<EventType> CONTEXT_TYPES =
      List.of(EventType.USER_TRANSCRIPT, EventType.USER_TEXT, EventType.ASSISTANT_REPLY);

  /**
   * @param zone the time zone of the skills' "now"
   * @param contextEvents how many earlier events of the conversation the brain sees
   * @param deadlineMillis how long after the user's words are known the turn must have started answering
   * @param client who this session's turns come from, for per-client limits
   */
  public record Settings(ZoneId zone, int contextEvents, long deadlineMillis, String client) {}

  private final Brain brain;
  private final StoreExecutor<HistoryStore> store;
  private final Clock clock;
  private final Settings settings;

  public BrainStage(Brain brain, StoreExecutor<HistoryStore> store, Clock clock, Settings settings) {
    this.brain = brain;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  protected void process(Frame frame) throws Exception {
    if (frame instanceof PttPressed p) {
      accept(p);
    } else if (frame instanceof TextIn t) {
      if (accept(t)) answer(t, t.text(), EventType.USER_TEXT, null);
    } else if (frame instanceof Transcript t) {
      push(t, Direction.DOWNSTREAM);
      if (t.text().isBlank()) nothingHeard(t.turn());
      else answer(t, t.text(), EventType.USER_TRANSCRIPT, t.audio());
    } else {
      push(frame, Direction.DOWNSTREAM);
    }
  }

  /** Finds or creates the conversation; returns false (after reporting the error) when it does not exist. */
  private boolean accept(Frame frame) {
    Turn turn = frame.turn();
    long now = clock.millis();
    boolean known = join(store.submit(s -> {
      if (turn.newConversation()) {
        s.createConversation(turn.conversationId(), null, now);
        return true;
      }
      return s.conversation(turn.conversationId()).isPresent();
    }));
    if (!known) {
      turn.cancel();
      pushError(frame, "unknown_conversation", "There is no conversation " + turn.conversationId()
          + "; leave conversation_id out to start a new one.", null);
      return false;
    }
    push(new TurnAccepted(turn), Direction.DOWNSTREAM);
    return true;
  }

  private void answer(Frame frame, String text, EventType userType, AudioChunk heard) {
    Turn turn = frame.turn();
    String cid = turn.conversationId();
    NewEvent user = new NewEvent(cid, turn.id(), userType, text, null, null, clock.millis());
    List<Event> recent = join(store.submit(s -> {
      List<Event> before = s.recentEvents(cid, CONTEXT_TYPES, settings.contextEvents());
      s.append(user);
      return before;
    }));
    List<ContextTurn> context = recent.stream()
        .map(e -> new ContextTurn(e.type() == EventType.ASSISTANT_REPLY ? ContextTurn.Role.ASSISTANT : ContextTurn.Role.USER, e.text()))
        .toList();
    long deadline = System.nanoTime() + settings.deadlineMillis() * 1_000_000;
    BrainRequest request = new BrainRequest(text, cid, context, ZonedDateTime.now(clock.withZone(settings.zone())),
        turn::cancelled, settings.client(), deadline, heard);
    AtomicBoolean streamed = new AtomicBoolean();
    Reply reply;
    try {
      reply = brain.answer(request, delta -> {
        if (turn.cancelled() || delta.isEmpty()) return;
        streamed.set(true);
        push(new ReplyDelta(turn, delta), Direction.DOWNSTREAM);
      });
    } catch (Exception e) {
      pushError(frame, "brain_failed", "Could not answer: " + e.getMessage(), e);
      return;
    }
    // speech the model made itself goes first, so the next stage knows not to synthesize this turn's text
    if (reply.audio() != null) push(new Frame.SpokenReply(turn, reply.audio()), Direction.DOWNSTREAM);
    if (!streamed.get()) push(new ReplyDelta(turn, reply.text()), Direction.DOWNSTREAM);
    push(new ReplyDone(turn, reply), Direction.DOWNSTREAM);
  }

  /** Says that nothing was heard, as a reply like any other; the empty transcript itself is not stored. */
  private void nothingHeard(Turn turn) {
    Reply reply = OfflineFallback.nothingHeard();
    push(new ReplyDelta(turn, reply.text()), Direction.DOWNSTREAM);
    push(new ReplyDone(turn, reply), Direction.DOWNSTREAM);
  }

  private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
