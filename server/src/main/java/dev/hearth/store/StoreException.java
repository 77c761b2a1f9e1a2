package dev.hearth.store;

/** A store operation failed (I/O, a broken database, a schema the code does not know). */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
