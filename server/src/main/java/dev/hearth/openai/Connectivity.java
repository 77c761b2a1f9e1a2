package dev.hearth.openai;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Hearth last learned about reaching OpenAI, from the periodic probe and from every real call: reachable,
 * unreachable (with the reason), or the key refused. Thread-safe; read by {@code GET /api/status}.
 */
public final class Connectivity {
  public enum State { UNKNOWN, REACHABLE, UNREACHABLE, KEY_REJECTED }

  private final Clock clock;
  private State state = State.UNKNOWN;
  private String lastError = "";
  private long checkedAtMillis;

  public Connectivity(Clock clock) {
    this.clock = clock;
  }

  public synchronized void succeeded() {
    state = State.REACHABLE;
    lastError = "";
    checkedAtMillis = clock.millis();
  }

  /** A call failed: an HTTP answer other than 401/403 still means OpenAI is reachable. */
  public synchronized void failed(OpenAiException e) {
    if (e.kind() == OpenAiException.Kind.CANCELLED) return;
    if (e.status() == 401 || e.status() == 403) state = State.KEY_REJECTED;
    else state = e.kind() == OpenAiException.Kind.HTTP ? State.REACHABLE : State.UNREACHABLE;
    lastError = e.getMessage();
    checkedAtMillis = clock.millis();
  }

  public synchronized State state() {
    return state;
  }

  /** Whether turns should count on OpenAI: not when it is known to be unreachable or to refuse the key. */
  public synchronized boolean usable() {
    return state == State.UNKNOWN || state == State.REACHABLE;
  }

  /** {@code {state, last_error, checked_at}} for {@code /api/status}. */
  public synchronized Map<String, Object> report() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
    if (!lastError.isEmpty()) m.put("last_error", lastError);
    if (checkedAtMillis > 0) m.put("checked_at", checkedAtMillis);
    return m;
  }
}
