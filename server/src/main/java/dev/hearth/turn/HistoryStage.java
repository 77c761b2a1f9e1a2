package dev.hearth.turn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.brain.Reply;
import dev.hearth.store.EventType;
import dev.hearth.store.NewEvent;
import dev.hearth.store.HistoryStore;
import dev.hearth.store.StoreExecutor;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.ReplyDone;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the assistant's reply to history with its source and timings, after its audio has been sent, so the
 * history holds what was actually spoken. Consumes nothing: every frame passes on in order, but a turn's
 * {@code EndOfTurn} only once its reply is committed (so whatever announces the end of the turn after this stage
 * announces a reply that survives a crash). When the reply cannot be stored the turn ends with a
 * {@code history_failed} error upstream instead. A reply that starts a new conversation has that conversation stored
 * with it, before the end of the turn names it. The store works on its own thread: this stage never waits for it.
 */
public final class HistoryStage extends Stage {
  private static final Logger log = LoggerFactory.getLogger(HistoryStage.class);
  private static final ObjectMapper json = new ObjectMapper();

  private final StoreExecutor<HistoryStore> store;
  private final Clock clock;
  private Turn turn;
  private Reply reply;
  /** Completes when every frame received so far has been passed on; later frames queue behind it. */
  private CompletableFuture<Void> passedOn = CompletableFuture.completedFuture(null);

  public HistoryStage(StoreExecutor<HistoryStore> store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  protected void process(Frame frame) throws JsonProcessingException {
    CompletableFuture<Void> next;
    if (frame instanceof EndOfTurn e && e.turn() == turn && reply != null) {
      String data = json.writeValueAsString(Map.of("timings", turn.timings()));
      long now = clock.millis();
      NewEvent event = new NewEvent(turn.conversationId(), turn.id(), EventType.ASSISTANT_REPLY, reply.text(),
          reply.source(), data, now);
      // "start a new conversation": the new one is stored before the turn's end names it
      String nextConversation = reply.action() == Reply.Action.NEW_CONVERSATION ? UUID.randomUUID().toString() : null;
      Turn ended = turn;
      turn = null;
      reply = null;
      next = passedOn.thenCompose(v -> store.submit(s -> {
        s.append(event);
        if (nextConversation != null) s.createConversation(nextConversation, null, now);
        return null;
      })).handle((stored, err) -> {
        if (err == null) {
          if (nextConversation != null) ended.nextConversationStored(nextConversation);
          push(e, Direction.DOWNSTREAM);
        } else {
          log.error("Could not store the reply of turn {}", event.turnId(), err);
          pushError(e, "history_failed", "The answer was spoken but could not be saved in the history: "
              + (err.getCause() != null ? err.getCause() : err).getMessage(), err);
        }
        return null;
      });
    } else {
      if (frame instanceof ReplyDone d) {
        turn = d.turn();
        reply = d.reply();
      }
      next = passedOn.thenRun(() -> push(frame, Direction.DOWNSTREAM));
    }
    passedOn = next.exceptionally(err -> {
      log.warn("Could not pass {} of turn {} on", frame.getClass().getSimpleName(), frame.turn().id(), err);
      return null;
    });
  }
}
