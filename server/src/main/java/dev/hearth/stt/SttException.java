package dev.hearth.stt;

/** Recognition failed (a native error, or a session used after close). */
public final class SttException extends Exception {
  public SttException(String message, Throwable cause) {
    super(message, cause);
  }

  public SttException(String message) {
    super(message);
  }
}
