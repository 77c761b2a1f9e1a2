package dev.hearth.sched;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed pool of named daemon threads that notices when a task kills its thread (an {@link OutOfMemoryError}, or
 * anything else thrown out of {@code execute}'s task): it logs that once, with the pool's name, and tells its
 * {@link Deaths}; the pool itself starts a new thread in the dead one's place, so it keeps working.
 */
public final class WatchedPool extends ThreadPoolExecutor {
  private static final Logger log = LoggerFactory.getLogger(WatchedPool.class);

  /** Hears of threads that died. */
  public interface Deaths {
    /** Thread {@code thread} (of {@code pool}, or a thread of no pool) died of {@code error}. */
    void died(String pool, String thread, Throwable error);
  }

  private final String name;
  private final Deaths deaths;

  /** A pool of {@code threads} threads named {@code name-1}, {@code name-2}, … */
  public WatchedPool(String name, int threads, Deaths deaths) {
    super(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads(name));
    this.name = name;
    this.deaths = deaths;
  }

  @Override
  protected void afterExecute(Runnable task, Throwable error) {
    if (error == null) return;
    String thread = Thread.currentThread().getName();
    log.error("{} died of {}; {} starts a new thread in its place, and /api/health says degraded until a watchdog turn succeeds",
        thread, error, name, error);
    deaths.died(name, thread, error);
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      // afterExecute has logged it: the JVM's default handler would print it a second time
      t.setUncaughtExceptionHandler((dead, error) -> {});
      return t;
    };
  }
}
