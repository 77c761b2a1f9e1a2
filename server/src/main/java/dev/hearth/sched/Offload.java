package dev.hearth.sched;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one piece of model work (a Vosk decode, a MaryTTS read) on one of the app's pools, or a front end's lane of
 * them, and waits for it, so all clients share the CPU that {@code stt.threads} and {@code tts.threads} allow. The
 * caller has a thread of its own (a Wyoming connection's, a request's), so waiting blocks nothing but that caller;
 * pieces of one request run one after another, each seeing the last one's effects.
 */
public final class Offload {
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DROPPED = 2;

  private Offload() {}

  /** Work that may throw {@code E}. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * Runs {@code work} on {@code pool} and returns its result, rethrowing what it threw. When the caller is
   * interrupted, work not yet begun is dropped and work already running is waited for, so the caller may then free
   * what the work uses (a native recognizer) without racing it.
   */
  @SuppressWarnings("unchecked")
  public static <T, E extends Exception> T call(Executor pool, Work<T, E> work) throws E, InterruptedException {
    AtomicInteger state = new AtomicInteger(QUEUED);
    CountDownLatch ended = new CountDownLatch(1);
    FutureTask<T> future = new FutureTask<>(() -> {
      if (!state.compareAndSet(QUEUED, RUNNING)) return null;
      try {
        return work.run();
      } finally {
        ended.countDown();
      }
    });
    pool.execute(future);
    try {
      return future.get();
    } catch (InterruptedException e) {
      if (!state.compareAndSet(QUEUED, DROPPED)) awaitUninterruptibly(ended);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw (E) cause; // Work.run declares only E besides unchecked exceptions
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
