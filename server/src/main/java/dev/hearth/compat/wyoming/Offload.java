package dev.hearth.compat.wyoming;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one piece of model work (a Vosk decode, a MaryTTS read) on one of the app's pools and waits for it, so all
 * clients share the CPU that {@code stt.threads} and {@code tts.threads} allow. The caller is a connection's own
 * thread, so waiting blocks nothing but that connection; pieces of one request run one after another, each seeing
 * the last one's effects.
 */
final class Offload {
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DROPPED = 2;

  private Offload() {}

  /** Work that may throw {@code E}. */
  @FunctionalInterface
  interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * Runs {@code work} on {@code pool} and returns its result, rethrowing what it threw. When the caller is
   * interrupted, work not yet begun is dropped and work already running is waited for, so the caller may then free
   * what the work uses (a native recognizer) without racing it.
   */
  @SuppressWarnings("unchecked")
  static <T, E extends Exception> T call(ExecutorService pool, Work<T, E> work) throws E, InterruptedException {
    AtomicInteger state = new AtomicInteger(QUEUED);
    CountDownLatch ended = new CountDownLatch(1);
    Future<T> future = pool.submit(() -> {
      if (!state.compareAndSet(QUEUED, RUNNING)) return null;
      try {
        return work.run();
      } finally {
        ended.countDown();
      }
    });
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
