package dev.hearth.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Runs one stage on its own thread and records what it pushes each way, like Pipecat's run_test. The stage's clock
 * and timer are a {@link ManualTime}: it waits on its timer only as long as the test moves time.
 */
final class StageHarness {
  final List<Frame> down = new ArrayList<>();
  final List<Frame> up = new ArrayList<>();
  private final Pipeline pipeline;

  StageHarness(Stage stage) {
    this(stage, new ManualTime());
  }

  StageHarness(Stage stage, ManualTime time) {
    this.pipeline = Pipeline.builder(time, time).add(stage, Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "stage-under-test");
      t.setDaemon(true);
      return t;
    })).build(f -> record(up, f), f -> record(down, f));
  }

  void send(Frame... frames) {
    for (Frame f : frames) pipeline.send(f);
  }

  private void record(List<Frame> list, Frame f) {
    synchronized (this) {
      list.add(f);
      notifyAll();
    }
  }

  synchronized List<Frame> up() {
    return List.copyOf(up);
  }

  synchronized List<Frame> down() {
    return List.copyOf(down);
  }

  /** Waits until {@code condition} holds for the frames pushed downstream. */
  void awaitDown(Predicate<List<Frame>> condition, long timeoutMillis) throws InterruptedException {
    await(down, "downstream", condition, timeoutMillis);
  }

  /** Waits until {@code condition} holds for the frames pushed upstream. */
  void awaitUp(Predicate<List<Frame>> condition, long timeoutMillis) throws InterruptedException {
    await(up, "upstream", condition, timeoutMillis);
  }

  private synchronized void await(List<Frame> frames, String which, Predicate<List<Frame>> condition, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!condition.test(frames)) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) throw new AssertionError("condition not met; " + which + " frames: " + frames);
      wait(left);
    }
  }

  static Turn turn() {
    return new Turn(Turn.Kind.TEXT, "c", false, "v", System::nanoTime);
  }
}
