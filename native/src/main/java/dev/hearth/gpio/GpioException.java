package dev.hearth.gpio;

/** A GPIO operation failed; the message says what, on which chip or line, and what to try. */
public final class GpioException extends Exception {
  private final int errno;

  GpioException(String message, int errno) {
    super(message);
    this.errno = errno;
  }

  GpioException(String message) {
    this(message, 0);
  }

  /** The C library's errno for the failure, or 0 when it did not come from a system call. */
  public int errno() {
    return errno;
  }
}
