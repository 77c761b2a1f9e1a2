package dev.hearth.turn;

import dev.hearth.sched.Expedited;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared backing executor. A task submitted with
 * {@link #execute(Runnable, boolean) expedite} asks its queue to go before other queues' on a shared pool
 * ({@link Expedited}), until this queue has run dry.
 */
public final class SerialExecutor implements Executor {
  private final Executor backing;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private final Drain drain = new Drain();
  private boolean running;
  private volatile boolean expedited;

  public SerialExecutor(Executor backing) {
    this.backing = backing;
  }

  @Override
  public void execute(Runnable task) {
    execute(task, false);
  }

  /** Queues {@code task}; with {@code expedite}, this queue goes first on the pool until it has run dry. */
  public void execute(Runnable task, boolean expedite) {
    synchronized (tasks) {
      tasks.add(task);
      if (expedite) expedited = true;
      if (running) return;
      running = true;
    }
    backing.execute(drain);
  }

  /** Runs the queue until it is empty. */
  private final class Drain implements Expedited {
    @Override
    public boolean first() {
      return expedited;
    }

    @Override
    public void run() {
      while (true) {
        Runnable next;
        synchronized (tasks) {
          next = tasks.poll();
          if (next == null) {
            running = false;
            expedited = false;
            return;
          }
        }
        next.run();
      }
    }
  }
}
