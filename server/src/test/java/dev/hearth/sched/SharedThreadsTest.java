package dev.hearth.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedThreadsTest {
  private SharedThreads threads;
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    threads.shutdown();
    assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void voiceWorkRunsBeforeWorkTheLanesQueuedEarlier() throws Exception {
    threads = new SharedThreads("test-voice-first", 1, 1, 1, (pool, thread, error) -> {});
    Executor lane = threads.lane("process");
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(3);
    lane.execute(() -> {
      busy.countDown();
      await(release);
      order.add("lane 1");
      done.countDown();
    });
    assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
    lane.execute(() -> {
      order.add("lane 2");
      done.countDown();
    });
    threads.execute(() -> {
      order.add("voice");
      done.countDown();
    });
    release.countDown();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(order).containsExactly("lane 1", "voice", "lane 2");
  }

  @Test
  void aReservedThreadRunsVoiceWorkWhileEveryLaneWaits() throws Exception {
    threads = new SharedThreads("test-reserved", 2, 1, 2, (pool, thread, error) -> {});
    AtomicInteger laneRunning = new AtomicInteger();
    AtomicInteger mostLaneRunning = new AtomicInteger();
    CountDownLatch laneStarted = new CountDownLatch(1);
    for (String name : List.of("process", "v1")) {
      Executor lane = threads.lane(name);
      for (int i = 0; i < 2; i++) {
        lane.execute(() -> {
          mostLaneRunning.accumulateAndGet(laneRunning.incrementAndGet(), Math::max);
          laneStarted.countDown();
          await(release);
          laneRunning.decrementAndGet();
        });
      }
    }
    assertThat(laneStarted.await(5, TimeUnit.SECONDS)).isTrue();
    CountDownLatch voice = new CountDownLatch(1);
    threads.execute(voice::countDown);
    assertThat(voice.await(5, TimeUnit.SECONDS)).as("voice work ran while the lanes' work was blocked").isTrue();
    assertThat(mostLaneRunning.get()).isEqualTo(1);
  }

  @Test
  void oneLaneUsesAtMostItsShareAndTheLanesTakeTurns() throws Exception {
    threads = new SharedThreads("test-share", 3, 0, 1, (pool, thread, error) -> {});
    Executor process = threads.lane("process");
    Executor v1 = threads.lane("v1");
    CountDownLatch started = new CountDownLatch(2);
    AtomicInteger processRunning = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      process.execute(() -> {
        processRunning.incrementAndGet();
        started.countDown();
        await(release);
      });
    }
    v1.execute(() -> {
      started.countDown();
      await(release);
    });
    assertThat(started.await(5, TimeUnit.SECONDS)).as("v1 ran beside process's one piece of work").isTrue();
    CountDownLatch voice = new CountDownLatch(1);
    threads.execute(voice::countDown);
    assertThat(voice.await(5, TimeUnit.SECONDS)).as("the third thread was left free").isTrue();
    assertThat(processRunning.get()).isEqualTo(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
