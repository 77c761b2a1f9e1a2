package dev.hearth.app;

import dev.hearth.config.HearthConfig;
import dev.hearth.config.SharingConfig;
import dev.hearth.sched.WatchedPool;
import dev.hearth.sched.Admission;
import dev.hearth.sched.FrontEnd;
import dev.hearth.sched.SharedThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's threads, each pool named for its work: recognition and speech shared by the front ends (voice turns
 * first), the brain, the other front ends' requests, the sockets' output, and the schedulers. A worker that dies is
 * told to {@code deaths}; {@link #close} shuts them all down in this order.
 */
final class Threads implements AutoCloseable {
  private final List<ExecutorService> all = new ArrayList<>();
  private final SharingConfig sharing;
  /** The recognition and speech threads: voice turns first, every other front end in its own lane. */
  final SharedThreads stt;
  final ExecutorService brain;
  final SharedThreads tts;
  /** Where the other front ends' speech requests wait for their audio and write it (one thread per request served). */
  final ExecutorService requests;
  final ExecutorService output;
  final ScheduledExecutorService timers;
  /** Pings every /ws socket and closes the ones whose client has gone silent. */
  final ScheduledExecutorService sockets;
  /** Runs the watchdog turns and times their deadlines. */
  final ScheduledExecutorService watchdog;
  /** Wakes the voice pipelines' waiting stages (speech paced to playback); hands the work to their executors. */
  final ScheduledExecutorService stageTimer;

  Threads(HearthConfig config, WatchedPool.Deaths deaths) {
    this.sharing = config.sharing();
    this.stt = add(new SharedThreads("hearth-stt", config.stt().threads(), sharing.voiceReservedThreads(),
        sharing.frontEndThreads(), deaths));
    this.brain = add(elastic("hearth-brain", config.brain().threads()));
    this.tts = add(new SharedThreads("hearth-tts", config.tts().threads(), sharing.voiceReservedThreads(),
        sharing.frontEndThreads(), deaths));
    this.requests = add(Executors.newCachedThreadPool(named("hearth-request")));
    this.output = add(new WatchedPool("hearth-out", 2, deaths));
    this.timers = add(scheduler("hearth-timers"));
    this.sockets = add(scheduler("hearth-ws-ping"));
    this.watchdog = add(scheduler("hearth-watchdog"));
    this.stageTimer = add(scheduler("hearth-stage-timer"));
  }

  /** A front end's share of the threads: its lanes, its place in line for speech requests, its write deadline. */
  FrontEnd frontEnd(String name, String label, long writeTimeoutMillis) {
    return new FrontEnd(tts.lane(name), stt.lane(name), new Admission(label, sharing.frontEndRequests(),
        sharing.frontEndQueue(), sharing.queueTimeoutMillis(), timers), timers, writeTimeoutMillis, requests);
  }

  /** Lets running work finish for up to 5 seconds a pool, then interrupts what is still running; drops delayed work. */
  @Override
  public void close() {
    for (ExecutorService e : all) e.shutdown();
    for (ExecutorService e : all) {
      try {
        if (!e.awaitTermination(5, TimeUnit.SECONDS)) e.shutdownNow();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private <T extends ExecutorService> T add(T pool) {
    all.add(pool);
    return pool;
  }

  /** Up to {@code threads} threads, each started when needed and ended after a minute without work. */
  private static ExecutorService elastic(String name, int threads) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
        named(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * One thread for delayed work. Work not yet due when the server stops is dropped at once rather than waited for: by
   * default a scheduler still runs it after shutdown, so one pending task (e.g. forgetting an ended live session a
   * minute later) held every stop for the full 5 seconds of {@link #close}.
   */
  private static ScheduledExecutorService scheduler(String name) {
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, named(name));
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return pool;
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
