package dev.hearth.button;

import dev.hearth.gpio.GpioException;
import dev.hearth.gpio.InputLine;
import dev.hearth.gpio.LineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An input line fed by the test: {@link #press()} and {@link #release()} queue edges that the next wait returns;
 * {@link #failNextWait} makes the next wait throw, as a line whose chip went away does.
 */
final class FakeInputLine implements InputLine {
  private final BlockingQueue<LineEvent> edges = new LinkedBlockingQueue<>();
  volatile boolean closed;
  volatile boolean failNextWait;
  volatile int waits;

  void press() {
    edges.add(new LineEvent(true, System.nanoTime()));
  }

  void release() {
    edges.add(new LineEvent(false, System.nanoTime()));
  }

  @Override
  public int offset() {
    return 17;
  }

  @Override
  public boolean value() {
    return false;
  }

  @Override
  public List<LineEvent> awaitEvents(long timeoutMillis) throws GpioException {
    if (closed) throw new IllegalStateException("line 17 is released");
    waits++;
    if (failNextWait) throw new FakeGpioFailure();
    List<LineEvent> out = new ArrayList<>();
    try {
      LineEvent first = edges.poll(timeoutMillis, TimeUnit.MILLISECONDS);
      if (first != null) out.add(first);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    edges.drainTo(out);
    return out;
  }

  @Override
  public boolean kernelDebounced() {
    return true;
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
