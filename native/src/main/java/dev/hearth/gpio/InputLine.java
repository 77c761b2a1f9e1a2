package dev.hearth.gpio;

import java.util.List;

/**
 * A requested input line reporting both edges. Waiting and closing are serialised: {@link #close()} returns once a
 * wait in progress has ended (within its timeout), so the line is never released under a waiting thread.
 */
public interface InputLine extends AutoCloseable {
  /** The line's offset on its chip. */
  int offset();

  /** The line's logical value now (true = active). */
  boolean value() throws GpioException;

  /** Waits up to {@code timeoutMillis} for edges and returns those that arrived, oldest first; empty on timeout. */
  List<LineEvent> awaitEvents(long timeoutMillis) throws GpioException;

  /** Whether the kernel debounces this line (libgpiod v2); otherwise the reader must. */
  boolean kernelDebounced();

  @Override
  void close();
}
