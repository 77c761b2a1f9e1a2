package dev.hearth.sched;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of platform threads (the speech or the recognition threads) shared by every front end. As an executor
 * it runs voice turns' work (/ws, the button, satellites), which always comes first, and {@code voiceReserved} of the
 * threads run nothing else (fewer when the pool is smaller). Every other front end works through its own
 * {@link #lane}: a lane runs at most {@code laneThreads} pieces of work at once, and the lanes take turns, so a long
 * request moves on a piece at a time between everybody else's. Pieces should be short (one sentence, one chunk of
 * audio): a voice turn may wait for one that is running when no thread is reserved.
 */
public final class SharedThreads extends AbstractExecutorService {
  private static final Logger log = LoggerFactory.getLogger(SharedThreads.class);

  private final Object lock = new Object();
  private final ArrayDeque<Runnable> voice = new ArrayDeque<>();
  private final List<Lane> lanes = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  /** How many threads the lanes may use together. */
  private final int lanesMax;
  private final int laneThreads;
  private final String name;
  private final WatchedPool.Deaths deaths;
  private int lanesRunning;
  private int nextLane;
  private int alive;
  private boolean shutdown;

  /**
   * Starts {@code threads} daemon threads named {@code name-1}, {@code name-2}, ...
   *
   * @param voiceReserved threads kept for voice turns (at most {@code threads - 1})
   * @param laneThreads the most threads one lane uses at once
   * @param deaths told of each {@link Error} a task throws (the thread lives on and takes the next task)
   */
  public SharedThreads(String name, int threads, int voiceReserved, int laneThreads, WatchedPool.Deaths deaths) {
    if (threads < 1 || laneThreads < 1 || voiceReserved < 0) throw new IllegalArgumentException("threads, lane threads >= 1");
    this.lanesMax = threads - Math.min(voiceReserved, threads - 1);
    this.laneThreads = laneThreads;
    this.name = name;
    this.deaths = deaths;
    for (int i = 1; i <= threads; i++) {
      Thread t = new Thread(this::work, name + "-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    alive = threads;
    workers.forEach(Thread::start);
  }

  /** A front end's own queue of work on these threads, e.g. {@code lane("marytts")}. */
  public Executor lane(String name) {
    synchronized (lock) {
      Lane lane = new Lane(name);
      lanes.add(lane);
      return lane;
    }
  }

  /** Runs {@code task} as a voice turn's work: before any lane's. */
  @Override
  public void execute(Runnable task) {
    synchronized (lock) {
      if (shutdown) throw new RejectedExecutionException("the threads are shut down");
      voice.add(task);
      lock.notifyAll();
    }
  }

  /**
   * Whether no work waits for a thread, a voice turn's or a lane's: work that may as well wait (the grammar hearing
   * an utterance before its release) can run now without holding anyone up.
   */
  public boolean nothingWaiting() {
    synchronized (lock) {
      return voice.isEmpty() && lanes.stream().allMatch(l -> l.queue.isEmpty());
    }
  }

  private void work() {
    while (true) {
      Runnable task;
      synchronized (lock) {
        while ((task = next()) == null) {
          if (shutdown && voice.isEmpty() && lanes.stream().allMatch(l -> l.queue.isEmpty())) {
            alive--;
            lock.notifyAll();
            return;
          }
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            alive--;
            lock.notifyAll();
            return;
          }
        }
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("{} failed", Thread.currentThread().getName(), e);
      } catch (Error e) {
        log.error("{} failed with {}; it takes the next task, and /api/health says degraded until a watchdog turn succeeds",
            Thread.currentThread().getName(), e, e);
        deaths.died(name, Thread.currentThread().getName(), e);
      }
    }
  }

  /** The next piece of work a free thread may run, or null: voice first, then the lanes in turn. Holds the lock. */
  private Runnable next() {
    Runnable task = voice.poll();
    if (task != null || lanesRunning >= lanesMax) return task;
    for (int i = 0; i < lanes.size(); i++) {
      Lane lane = lanes.get((nextLane + i) % lanes.size());
      if (lane.running >= laneThreads || lane.queue.isEmpty()) continue;
      nextLane = (nextLane + i + 1) % lanes.size();
      Runnable piece = lane.queue.poll();
      lane.running++;
      lanesRunning++;
      return () -> {
        try {
          piece.run();
        } finally {
          synchronized (lock) {
            lane.running--;
            lanesRunning--;
            lock.notifyAll();
          }
        }
      };
    }
    return null;
  }

  /** Runs what is queued, then stops the threads. */
  @Override
  public void shutdown() {
    synchronized (lock) {
      shutdown = true;
      lock.notifyAll();
    }
  }

  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> dropped = new ArrayList<>();
    synchronized (lock) {
      shutdown = true;
      dropped.addAll(voice);
      voice.clear();
      for (Lane lane : lanes) {
        dropped.addAll(lane.queue);
        lane.queue.clear();
      }
      lock.notifyAll();
    }
    workers.forEach(Thread::interrupt);
    return dropped;
  }

  @Override
  public boolean isShutdown() {
    synchronized (lock) {
      return shutdown;
    }
  }

  @Override
  public boolean isTerminated() {
    synchronized (lock) {
      return shutdown && alive == 0;
    }
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long end = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (!(shutdown && alive == 0)) {
        long left = end - System.nanoTime();
        if (left <= 0) return false;
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** One front end's queue; its work runs when a thread is free, no voice work waits and the lane is under its share. */
  private final class Lane implements Executor {
    private final String name;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private int running;

    Lane(String name) {
      this.name = name;
    }

    @Override
    public void execute(Runnable task) {
      synchronized (lock) {
        if (shutdown) throw new RejectedExecutionException("the threads are shut down; " + name + " cannot run");
        queue.add(task);
        lock.notifyAll();
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
