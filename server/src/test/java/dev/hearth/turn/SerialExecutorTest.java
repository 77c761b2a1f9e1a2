package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sched.SharedThreads;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

  /** Issue 18: on a shared pool, a session whose button was released is recognized before those still speaking. */
  @Test
  void anExpeditedQueueGoesBeforeQueuesWaitingAheadOfItUntilItRunsDry() throws Exception {
    SharedThreads pool = new SharedThreads("test-expedite", 1, 1, 1, (p, thread, error) -> {});
    try {
      List<String> order = new CopyOnWriteArrayList<>();
      CountDownLatch busy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      pool.execute(() -> {
        busy.countDown();
        await(release);
      });
      assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
      SerialExecutor speaking = new SerialExecutor(pool);
      SerialExecutor released = new SerialExecutor(pool);
      SerialExecutor alsoSpeaking = new SerialExecutor(pool);
      CountDownLatch done = new CountDownLatch(5);
      speaking.execute(step(order, "speaking audio", done));
      released.execute(step(order, "released audio", done));
      alsoSpeaking.execute(step(order, "also speaking audio", done));
      released.execute(step(order, "released: final result", done), true);
      released.execute(step(order, "released: next turn's audio", done));
      release.countDown();
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      // a later turn of the same session queues behind the others again
      CountDownLatch later = new CountDownLatch(2);
      CountDownLatch hold = new CountDownLatch(1);
      pool.execute(() -> await(hold));
      speaking.execute(step(order, "speaking, later", later));
      released.execute(step(order, "released, later", later));
      hold.countDown();
      assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(order).containsExactly("released audio", "released: final result", "released: next turn's audio",
          "speaking audio", "also speaking audio", "speaking, later", "released, later");
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Runnable step(List<String> order, String name, CountDownLatch done) {
    return () -> {
      order.add(name);
      done.countDown();
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
