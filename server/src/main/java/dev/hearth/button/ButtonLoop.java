package dev.hearth.button;

import dev.hearth.gpio.GpioException;
import dev.hearth.gpio.InputLine;
import dev.hearth.gpio.LineEvent;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The button's event loop on a platform thread it owns ({@code hearth-button}): waits in the kernel for edges,
 * hands each to the {@link ButtonGestures} with the kernel's time of the edge (so bounces read late are still
 * bounces), reads the line when a software debounce window ends, and ticks the gestures between waits so a long
 * press fires while the button is still held. {@link #close()} stops the loop, waits for it, then releases the line.
 */
public final class ButtonLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ButtonLoop.class);
  /** How long one wait lasts: the long press fires at most this late, and closing takes at most this long. */
  static final long WAIT_MILLIS = 25;
  /** An edge stamped further than this from the loop's clock was stamped by another clock (see {@link #edgeNanos}). */
  static final long OTHER_CLOCK_NANOS = 60_000_000_000L;

  private final InputLine line;
  private final ButtonGestures gestures;
  private final LongSupplier nanoClock;
  private final Thread thread;
  private volatile boolean running = true;

  public ButtonLoop(InputLine line, ButtonGestures gestures, LongSupplier nanoClock) {
    this.line = line;
    this.gestures = gestures;
    this.nanoClock = nanoClock;
    this.thread = new Thread(this::run, "hearth-button");
    thread.setDaemon(true);
  }

  public ButtonLoop start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      try {
        step();
      } catch (GpioException | RuntimeException e) {
        log.error("push-to-talk button on line {} stopped: {}", line.offset(), e.getMessage());
        return;
      }
    }
  }

  /** One wait for edges (shorter when a debounce window ends sooner), then the edges, the line's level if due, a tick. */
  private void step() throws GpioException {
    long untilLevel = gestures.nanosUntilLevelDue(nanoClock.getAsLong());
    long waitMillis = untilLevel < 0 ? WAIT_MILLIS : Math.min(WAIT_MILLIS, (untilLevel + 999_999) / 1_000_000);
    List<LineEvent> events = line.awaitEvents(waitMillis);
    long now = nanoClock.getAsLong();
    for (LineEvent e : events) deliver(() -> gestures.edge(e.rising(), edgeNanos(e, now)));
    if (gestures.levelDue(now)) {
      boolean down = line.value();
      deliver(() -> gestures.level(down, now));
    }
    deliver(() -> gestures.tick(now));
  }

  /**
   * When {@code e} happened: the kernel's stamp, which is CLOCK_MONOTONIC like {@link System#nanoTime()}; a stamp
   * from another clock (kernels before 5.7 stamped v1 events with the wall clock) is replaced by {@code now}.
   */
  static long edgeNanos(LineEvent e, long now) {
    long t = e.timestampNanos();
    return Math.abs(now - t) <= OTHER_CLOCK_NANOS ? t : now;
  }

  /** Runs one gesture step: a turn that fails to start or stop must take neither the button nor the next edge with it. */
  private void deliver(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      log.error("push-to-talk button: {}", e.toString());
    }
  }

  /** Whether the loop is still reading the line (false after {@link #close()} or a read error). */
  public boolean alive() {
    return thread.isAlive();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10 * WAIT_MILLIS + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    line.close();
  }
}
