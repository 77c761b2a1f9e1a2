package dev.hearth.openai;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Hearth last learned about reaching OpenAI, from the periodic probe and from every real call: reachable,
 * unreachable (with the reason), or the key refused. A failed connection makes it unreachable at once, timeouts only
 * {@link #TIMEOUTS_UNREACHABLE} in a row (one is as likely a slow answer); a refused key is believed for
 * {@link #KEY_RETRY_MILLIS}, after which a real call may try it again, so that a key refused for a while (billing, a
 * region) comes back without a restart even with the probe off. Thread-safe; read by {@code GET /api/status}.
 */
public final class Connectivity {
  public enum State { UNKNOWN, REACHABLE, UNREACHABLE, KEY_REJECTED }

  /** How long a refused key is believed before a call may try it again, in milliseconds. */
  static final long KEY_RETRY_MILLIS = 60_000;
  /** How many timeouts in a row make OpenAI unreachable. */
  static final int TIMEOUTS_UNREACHABLE = 2;

  private final Clock clock;
  private State state = State.UNKNOWN;
  private String lastError = "";
  private long checkedAtMillis;
  private long keyRefusedAtMillis;
  private int timeoutsInARow;

  public Connectivity(Clock clock) {
    this.clock = clock;
  }

  public synchronized void succeeded() {
    state = State.REACHABLE;
    lastError = "";
    timeoutsInARow = 0;
    checkedAtMillis = clock.millis();
  }

  /** A call failed: an HTTP answer other than 401/403 still means OpenAI is reachable. */
  public synchronized void failed(OpenAiException e) {
    if (e.kind() == OpenAiException.Kind.CANCELLED) return;
    lastError = e.getMessage();
    checkedAtMillis = clock.millis();
    if (e.kind() == OpenAiException.Kind.TIMEOUT) {
      if (++timeoutsInARow >= TIMEOUTS_UNREACHABLE) state = State.UNREACHABLE;
      return;
    }
    timeoutsInARow = 0;
    if (e.status() == 401 || e.status() == 403) {
      state = State.KEY_REJECTED;
      keyRefusedAtMillis = checkedAtMillis;
    } else {
      state = e.kind() == OpenAiException.Kind.HTTP ? State.REACHABLE : State.UNREACHABLE;
    }
  }

  public synchronized State state() {
    return state;
  }

  /** Whether OpenAI refused the key less than {@link #KEY_RETRY_MILLIS} ago (then it is not asked). */
  public synchronized boolean keyRefusedRecently() {
    return state == State.KEY_REJECTED && clock.millis() - keyRefusedAtMillis < KEY_RETRY_MILLIS;
  }

  /**
   * Whether turns and live sessions should count on OpenAI: not when it is known to be unreachable, or refused the key
   * recently.
   */
  public synchronized boolean usable() {
    return state == State.UNKNOWN || state == State.REACHABLE || state == State.KEY_REJECTED && !keyRefusedRecently();
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
