package dev.hearth.health;

import dev.hearth.sched.WatchedPool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's handler for threads that die of an uncaught exception outside Hearth's own pools (MaryTTS's vocoder
 * threads, Jetty's, the JDK's): it logs each, an {@link OutOfMemoryError} loudly, and tells every listening server,
 * whose health then says degraded until its next watchdog turn succeeds.
 */
public final class UncaughtErrors {
  private static final Logger log = LoggerFactory.getLogger(UncaughtErrors.class);
  private static final List<WatchedPool.Deaths> listeners = new CopyOnWriteArrayList<>();

  private UncaughtErrors() {}

  /** Makes this the JVM-wide default uncaught-exception handler (the {@code hearth} command does, at its start). */
  public static void install() {
    Thread.setDefaultUncaughtExceptionHandler(UncaughtErrors::uncaught);
  }

  /** Tells {@code deaths} of every thread that dies through the default handler, until the returned handle is closed. */
  public static Listening listen(WatchedPool.Deaths deaths) {
    listeners.add(deaths);
    return () -> listeners.remove(deaths);
  }

  /** A listener's registration. */
  public interface Listening extends AutoCloseable {
    /** Stops telling the listener; safe to call more than once. */
    @Override
    void close();
  }

  static void uncaught(Thread thread, Throwable error) {
    try {
      if (error instanceof OutOfMemoryError) {
        log.error("OUT OF MEMORY: thread {} died of {}. Hearth carries on and its watchdog checks that speech still works; "
            + "if this repeats, give it more heap (HEARTH_HEAP, see README).", thread.getName(), error, error);
      } else {
        log.error("Thread {} died of {}", thread.getName(), error, error);
      }
    } catch (Throwable logging) {
      System.err.println("hearth: thread " + thread.getName() + " died of " + error);
    }
    for (WatchedPool.Deaths deaths : listeners) deaths.died("thread", thread.getName(), error);
  }
}
