package dev.hearth.timer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler that runs nothing by itself: {@link #runDue()} runs, on the caller's thread, the tasks whose time
 * on the {@link MutableClock} has come. Only one-shot {@code schedule(Runnable, …)} is supported.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();

  public ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  /** Runs the due tasks, soonest first; returns how many ran (cancelled ones are dropped, not counted). */
  public synchronized int runDue() {
    tasks.removeIf(Task::isCancelled);
    int ran = 0;
    while (true) {
      Task next = tasks.stream().filter(t -> t.dueAtMillis <= clock.millis())
          .min(Comparator.comparingLong(t -> t.dueAtMillis)).orElse(null);
      if (next == null) return ran;
      tasks.remove(next);
      next.run();
      ran++;
    }
  }

  /** Tasks waiting to run, not counting cancelled ones. */
  synchronized long waiting() {
    return tasks.stream().filter(t -> !t.isCancelled()).count();
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Task task = new Task(command, clock.millis() + unit.toMillis(delay));
    tasks.add(task);
    return task;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void execute(Runnable command) {
    command.run();
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {
    final long dueAtMillis;

    Task(Runnable command, long dueAtMillis) {
      super(command, null);
      this.dueAtMillis = dueAtMillis;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueAtMillis - clock.millis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
    }
  }
}
