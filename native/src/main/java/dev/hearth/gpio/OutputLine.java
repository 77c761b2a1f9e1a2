package dev.hearth.gpio;

/** A requested output line, e.g. an LED. Closing releases it (the kernel then leaves it as it was). */
public interface OutputLine extends AutoCloseable {
  int offset();

  /** Drives the line active (true) or inactive, in logical terms. */
  void set(boolean active) throws GpioException;

  @Override
  void close();
}
