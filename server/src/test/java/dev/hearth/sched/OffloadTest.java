package dev.hearth.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffloadTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void resultsAndCheckedExceptionsComeBack() throws Exception {
    assertThat(Offload.call(pool, () -> 6 * 7)).isEqualTo(42);
    AtomicReference<Exception> thrown = new AtomicReference<>();
    try {
      Offload.call(pool, () -> {
        throw new java.io.IOException("disk on fire");
      });
    } catch (java.io.IOException e) {
      thrown.set(e);
    }
    assertThat(thrown.get()).hasMessage("disk on fire");
  }

  /**
   * A connection interrupted while the server stops freed its Vosk recognizer while a pool thread was still decoding
   * with it. The interrupted caller now returns only once the running work has ended.
   */
  @Test
  void anInterruptedCallerReturnsOnlyAfterTheRunningWorkEnds() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean ended = new AtomicBoolean();
    AtomicReference<Boolean> endedWhenCallerReturned = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        Offload.call(pool, () -> {
          running.countDown();
          long until = System.nanoTime() + 300_000_000L;
          while (System.nanoTime() < until) Thread.onSpinWait(); // native work ignores interrupts
          ended.set(true);
          return null;
        });
      } catch (InterruptedException e) {
        endedWhenCallerReturned.set(ended.get());
      }
    });
    caller.start();
    running.await();
    caller.interrupt();
    caller.join(10_000);
    assertThat(endedWhenCallerReturned.get()).isTrue();
  }

  @Test
  void workNotYetBegunIsDroppedWhenTheCallerIsInterrupted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    pool.submit(() -> {
      release.await();
      return null;
    });
    AtomicBoolean ran = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        Offload.call(pool, () -> ran.getAndSet(true));
      } catch (InterruptedException e) {
        // expected
      }
    });
    caller.start();
    while (caller.getState() != Thread.State.WAITING) Thread.onSpinWait();
    caller.interrupt();
    caller.join(10_000);
    release.countDown();
    pool.shutdown();
    pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(ran.get()).isFalse();
  }
}
