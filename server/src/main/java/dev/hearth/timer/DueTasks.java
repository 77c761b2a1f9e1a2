package dev.hearth.timer;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One-shot tasks by id, each run on an injected scheduler at its moment (at once when that has passed), and their
 * ids: the bookkeeping timers and alarms share. The scheduler is not owned: {@link #close()} cancels the tasks waiting
 * but does not shut it down.
 */
final class DueTasks implements AutoCloseable {
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Map<String, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  DueTasks(ScheduledExecutorService scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** A new id: {@code prefix} and 16 random hex digits ("tm_3f09…"). */
  String newId(String prefix) {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  /** Runs {@code task} at {@code dueAtMillis} on the clock; forgets it once it has run. */
  void at(String id, long dueAtMillis, Runnable task) {
    long delay = Math.max(0, dueAtMillis - clock.millis());
    ScheduledFuture<?> future = scheduler.schedule(() -> {
      try {
        task.run();
      } finally {
        waiting.remove(id);
      }
    }, delay, TimeUnit.MILLISECONDS);
    waiting.put(id, future);
    if (future.isDone()) waiting.remove(id, future); // a same-thread scheduler may have run it already
  }

  /** Cancels the task of {@code id}, if it still waits. */
  void cancel(String id) {
    ScheduledFuture<?> future = waiting.remove(id);
    if (future != null) future.cancel(false);
  }

  @Override
  public void close() {
    waiting.values().forEach(future -> future.cancel(false));
    waiting.clear();
  }
}
