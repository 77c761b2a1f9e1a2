package dev.hearth.health;

import dev.hearth.sched.WatchedPool;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Threads killed by an error are noticed, once, with the pool's name, and the pool keeps working. */
class WorkerDeathTest {
  private final List<String> deaths = new CopyOnWriteArrayList<>();

  @Test
  void aPoolThreadKilledByOutOfMemoryIsReportedOnceAndReplaced() throws Exception {
    WatchedPool pool = new WatchedPool("hearth-tts", 1, (name, thread, error) -> deaths.add(name + " " + thread + " " + error));
    try {
      pool.execute(() -> {
        throw new OutOfMemoryError("Java heap space");
      });
      CompletableFuture<String> after = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), pool);
      assertThat(after.get(10, TimeUnit.SECONDS)).as("a new thread took the dead one's place").isEqualTo("hearth-tts-2");
      assertThat(deaths).containsExactly("hearth-tts hearth-tts-1 java.lang.OutOfMemoryError: Java heap space");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThreadOfNoPoolDyingReachesTheListenersThroughTheDefaultHandler() throws Exception {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    UncaughtErrors.install();
    try (UncaughtErrors.Listening listening = UncaughtErrors.listen((name, thread, error) -> deaths.add(name + " " + thread + " " + error))) {
      Thread producer = new Thread(() -> {
        throw new OutOfMemoryError("Java heap space");
      }, "HTSVocoderDataProducer-test");
      producer.start();
      producer.join(10_000);
      assertThat(producer.isAlive()).isFalse();
      assertThat(deaths).containsExactly("thread HTSVocoderDataProducer-test java.lang.OutOfMemoryError: Java heap space");
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
    Thread late = new Thread(() -> {
      throw new IllegalStateException("after closing");
    }, "late");
    late.setUncaughtExceptionHandler(UncaughtErrors::uncaught);
    late.start();
    late.join(10_000);
    assertThat(deaths).as("a closed listener hears nothing more").hasSize(1);
  }
}
