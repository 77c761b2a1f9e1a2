package dev.hearth.sched;

/** A front end refused a request because it is serving its share already; the client may try again later. */
public final class Busy extends Exception {
  private final long retryAfterSeconds;

  public Busy(String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** When trying again is worthwhile, in seconds (HTTP's {@code Retry-After}). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
