package dev.hearth.web;

import dev.hearth.store.StoreExecutor;
import dev.hearth.timer.TimerInfo;
import dev.hearth.turn.TurnController;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which sessions follow which conversation, so a timer's announcement reaches every client of its
 * conversation, and creates conversations on a session's behalf.
 */
public final class SessionHub implements TurnController.Hub {
  private static final Logger log = LoggerFactory.getLogger(SessionHub.class);

  private final StoreExecutor store;
  private final Clock clock;
  private final Map<TurnController, String> following = new ConcurrentHashMap<>();

  public SessionHub(StoreExecutor store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void bind(TurnController session, String conversationId) {
    following.put(session, conversationId);
  }

  public void unbind(TurnController session) {
    following.remove(session);
  }

  @Override
  public String createConversation() {
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    store.submit(s -> s.createConversation(id, null, now)).exceptionally(e -> {
      log.error("Could not create conversation {}", id, e);
      return null;
    });
    return id;
  }

  /** Speaks a timer's announcement on every session that follows its conversation. */
  public void timerFired(TimerInfo timer, String text) {
    int told = 0;
    for (Map.Entry<TurnController, String> e : following.entrySet()) {
      if (e.getValue().equals(timer.conversationId())) {
        e.getKey().announce("timer", text, timer.id());
        told++;
      }
    }
    log.info("Timer {} fired: \"{}\" (told {} client{})", timer.id(), text, told, told == 1 ? "" : "s");
  }

  /** Sessions currently connected. */
  public Set<TurnController> sessions() {
    return following.keySet();
  }
}
