package dev.hearth.turn;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A pipeline's clock and scheduler for tests: time stands still until the test moves it, and moving it runs the
 * tasks that fall due, in order. It starts at {@link System#nanoTime} (the scale deadlines handed to the brain are
 * read on), so a stage's timer waits exactly as long as the test says, never as long as the machine is slow.
 */
public final class ManualTime implements LongSupplier, Scheduler {
  private record Task(long dueNanos, long order, Runnable run) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
      ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
  private long nanos = System.nanoTime();
  private long scheduled;

  @Override
  public synchronized long getAsLong() {
    return nanos;
  }

  @Override
  public synchronized void schedule(Runnable task, long delayMillis) {
    tasks.add(new Task(nanos + delayMillis * 1_000_000, scheduled++, task));
    notifyAll();
  }

  /** Tasks waiting for their time. */
  public synchronized int pending() {
    return tasks.size();
  }

  /** Moves the clock on by {@code millis}, running each task as its time comes (on this thread). */
  public void advance(long millis) {
    long target;
    synchronized (this) {
      target = nanos + millis * 1_000_000;
    }
    while (true) {
      Task due;
      synchronized (this) {
        due = tasks.peek() != null && tasks.peek().dueNanos <= target ? tasks.poll() : null;
        nanos = due != null ? Math.max(nanos, due.dueNanos) : target;
      }
      if (due == null) return;
      due.run.run();
    }
  }

  /** Waits (in real time, up to {@code timeoutMillis}) until some task is scheduled. */
  public synchronized void awaitScheduled(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (tasks.isEmpty()) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) throw new AssertionError("no task was scheduled in " + timeoutMillis + " ms");
      wait(left);
    }
  }

  /**
   * Until {@code done} holds, moves the clock to each next task as soon as one is scheduled; fails after
   * {@code timeoutMillis} of real time.
   */
  public void runUntil(BooleanSupplier done, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!done.getAsBoolean()) {
      long step;
      synchronized (this) {
        if (System.currentTimeMillis() > deadline) throw new AssertionError("not done in " + timeoutMillis + " ms");
        if (tasks.isEmpty()) {
          wait(10); // the stages are working, not waiting: look again soon
          continue;
        }
        step = Math.max(0, (tasks.peek().dueNanos - nanos + 999_999) / 1_000_000);
      }
      advance(step);
    }
  }
}
