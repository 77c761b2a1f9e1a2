package dev.hearth.device;

import dev.hearth.gpio.GpioException;
import dev.hearth.gpio.InputLine;
import dev.hearth.gpio.LineEvent;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The button's event loop on a platform thread it owns ({@code hearth-button}): waits in the kernel for edges,
 * hands each to the {@link ButtonGestures} with the kernel's time of the edge (so bounces read late are still
 * bounces), reads the line when a software debounce window ends, and ticks the gestures between waits so a long
 * press fires while the button is still held. {@link #close()} stops the loop, waits for it, then releases the line.
 *
 * <p>A line that fails (its chip gone, a read error) does not end the loop, which would leave the process running
 * without a button: a press in progress ends as a release, the failed line is released, {@code onFault} is told
 * (the lights show an error until it is back), and the line is requested again with backoff (0.5 s doubling to
 * 8 s) until it comes back or the loop is closed. Then the button takes the line's level and carries on.
 */
public final class ButtonLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ButtonLoop.class);
  /** How long one wait lasts: the long press fires at most this late, and closing takes at most this long. */
  static final long WAIT_MILLIS = 25;
  /** An edge stamped further than this from the loop's clock was stamped by another clock (see {@link #edgeNanos}). */
  static final long OTHER_CLOCK_NANOS = 60_000_000_000L;

  static final long FIRST_RETRY_MILLIS = 500;
  static final long LAST_RETRY_MILLIS = 8000;

  /** Requests the button's line again, after the old one failed and was released. */
  public interface Reopen {
    InputLine open() throws GpioException;
  }

  private final Reopen reopen;
  private final ButtonGestures gestures;
  private final LongSupplier nanoClock;
  private final Consumer<Boolean> onFault;
  private final Thread thread;
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile InputLine line;
  private volatile boolean running = true;

  /**
   * @param nanoClock the kernel's monotonic clock ({@link System#nanoTime()}), which the edges' stamps use
   * @param onFault told true when the line has failed, false when it is back; it must return at once
   */
  public ButtonLoop(InputLine line, Reopen reopen, ButtonGestures gestures, LongSupplier nanoClock, Consumer<Boolean> onFault) {
    this.line = line;
    this.reopen = reopen;
    this.gestures = gestures;
    this.nanoClock = nanoClock;
    this.onFault = onFault;
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
        log.error("push-to-talk button on line {} failed: {}; requesting it again", line.offset(), e.getMessage());
        if (!recover()) return;
      }
    }
  }

  /** After a failure: releases the line, requests it again with backoff, and takes its level; false when closing. */
  private boolean recover() {
    long failedAt = nanoClock.getAsLong();
    deliver(() -> gestures.level(false, failedAt)); // a press in progress ends as a release
    line.close();
    deliver(() -> onFault.accept(true));
    long backoff = FIRST_RETRY_MILLIS;
    boolean quiet = false;
    while (true) {
      try {
        if (closing.await(backoff, TimeUnit.MILLISECONDS)) return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff = Math.min(LAST_RETRY_MILLIS, backoff * 2);
      try {
        InputLine again = reopen.open();
        line = again;
        boolean down = again.value();
        long now = nanoClock.getAsLong();
        deliver(() -> gestures.level(down, now));
        break;
      } catch (GpioException | RuntimeException e) {
        line.close();
        if (!quiet) log.warn("push-to-talk button: cannot request its line again yet ({}); retrying up to every {} s", e.getMessage(),
            LAST_RETRY_MILLIS / 1000);
        quiet = true;
      }
    }
    log.info("push-to-talk button on line {} works again", line.offset());
    deliver(() -> onFault.accept(false));
    return running;
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

  /** Whether the loop is still running (false after {@link #close()}). */
  public boolean alive() {
    return thread.isAlive();
  }

  @Override
  public void close() {
    running = false;
    closing.countDown();
    try {
      thread.join(10 * WAIT_MILLIS + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    line.close();
  }
}
