package dev.hearth.device;

import dev.hearth.gpio.GpioException;
import dev.hearth.gpio.InputLine;
import dev.hearth.gpio.LineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An input line fed by the test: {@link #press()} and {@link #release()} queue edges that the next wait returns, and
 * {@link #edge} queues one stamped at a given time (a bounce that happened earlier and is read late); the line's
 * {@link #value()} is the level the last queued edge left. Knobs: {@link #kernelDebounced} (false: libgpiod v1,
 * the reader debounces), {@link #oneEventPerWait} (v1 reads one event per wait), {@link #failNextWait} (the next
 * wait throws, as a line whose chip went away does).
 */
final class FakeInputLine implements InputLine {
  private final BlockingQueue<LineEvent> edges = new LinkedBlockingQueue<>();
  volatile boolean closed;
  volatile boolean failNextWait;
  volatile boolean kernelDebounced = true;
  volatile boolean oneEventPerWait;
  volatile boolean level;
  volatile int waits;
  volatile int reads;

  void press() {
    edge(true, System.nanoTime());
  }

  void release() {
    edge(false, System.nanoTime());
  }

  /** Queues an edge the kernel stamped at {@code timestampNanos} ({@link System#nanoTime()}'s clock). */
  void edge(boolean rising, long timestampNanos) {
    level = rising;
    edges.add(new LineEvent(rising, timestampNanos));
  }

  @Override
  public int offset() {
    return 17;
  }

  @Override
  public boolean value() {
    reads++;
    return level;
  }

  @Override
  public List<LineEvent> awaitEvents(long timeoutMillis) throws GpioException {
    if (closed) throw new IllegalStateException("line 17 is released");
    waits++;
    if (failNextWait) {
      failNextWait = false;
      throw new FakeGpioFailure();
    }
    List<LineEvent> out = new ArrayList<>();
    try {
      LineEvent first = edges.poll(timeoutMillis, TimeUnit.MILLISECONDS);
      if (first != null) out.add(first);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!oneEventPerWait) edges.drainTo(out);
    return out;
  }

  @Override
  public boolean kernelDebounced() {
    return kernelDebounced;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The failure knob's exception: GpioException has no public constructor outside its package. */
  static final class FakeGpioFailure extends RuntimeException {
    FakeGpioFailure() {
      super("gpiod_line_request_wait_edge_events failed on line 17 of /dev/gpiochip0 (ENODEV)");
    }
  }
}
