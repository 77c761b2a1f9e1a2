package dev.hearth.turn;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task once after a delay: how a stage waits without holding a thread. Injected so tests can move time by hand. */
@FunctionalInterface
public interface Scheduler {

  /** Runs {@code task} once, {@code delayMillis} from now; the task only hands work on, it never does it. */
  void schedule(Runnable task, long delayMillis);

  /** A scheduler on {@code timer}, which the caller owns and shuts down. */
  static Scheduler of(ScheduledExecutorService timer) {
    return (task, delayMillis) -> timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
  }
}
