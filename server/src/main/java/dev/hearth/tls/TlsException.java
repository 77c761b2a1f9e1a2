package dev.hearth.tls;

/** HTTPS cannot start: a certificate or key is missing, unreadable or wrong. The message names the file and the fix. */
public final class TlsException extends RuntimeException {
  public TlsException(String message) {
    super(message);
  }

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
