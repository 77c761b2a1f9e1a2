package dev.hearth.protocols.page;

/** A client message the protocol rejects; {@code code} is the protocol's error code. */
public final class ProtocolException extends Exception {
  private final String code;

  public ProtocolException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
