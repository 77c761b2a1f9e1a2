package dev.hearth.turn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.brain.Reply;
import dev.hearth.store.EventType;
import dev.hearth.store.NewEvent;
import dev.hearth.store.StoreExecutor;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.ReplyDone;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the assistant's reply to history with its source and timings, after its audio has been sent, so the
 * history holds what was actually spoken. Consumes {@code ReplyDone} and {@code EndOfTurn}; emits nothing.
 */
public final class HistoryStage extends Stage {
  private static final Logger log = LoggerFactory.getLogger(HistoryStage.class);
  private static final ObjectMapper json = new ObjectMapper();

  private final StoreExecutor store;
  private final Clock clock;
  private Turn turn;
  private Reply reply;

  public HistoryStage(StoreExecutor store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  protected void process(Frame frame) throws JsonProcessingException {
    if (frame instanceof ReplyDone d) {
      turn = d.turn();
      reply = d.reply();
    } else if (frame instanceof EndOfTurn e && e.turn() == turn && reply != null) {
      String data = json.writeValueAsString(Map.of("timings", turn.timings()));
      NewEvent event = new NewEvent(turn.conversationId(), turn.id(), EventType.ASSISTANT_REPLY, reply.text(),
          reply.source(), data, clock.millis());
      store.submit(s -> s.append(event)).exceptionally(err -> {
        log.error("Could not store the reply of turn {}", event.turnId(), err);
        return null;
      });
      turn = null;
      reply = null;
    }
  }
}
