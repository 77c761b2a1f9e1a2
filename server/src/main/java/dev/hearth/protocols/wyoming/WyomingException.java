package dev.hearth.protocols.wyoming;

/**
 * A client broke the protocol or asked for something this server cannot do. The connection answers with
 * {@code error{text, code}} and closes, because a Wyoming client (Home Assistant) skips {@code error} events and
 * would otherwise wait for an answer that never comes.
 */
public final class WyomingException extends Exception {
  private final String code;

  public WyomingException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** A short machine-readable reason, e.g. {@code event_too_large}; sent as the {@code error} event's {@code code}. */
  public String code() {
    return code;
  }
}
