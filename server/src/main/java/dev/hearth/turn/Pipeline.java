package dev.hearth.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A linear chain of stages. Frames enter at the head going downstream; frames pushed upstream out of the
 * head, and downstream out of the tail, go to the given sinks (a session's {@link TurnController}). Each stage runs
 * on its own serial executor, and all of them read the pipeline's clock and wait on its scheduler.
 */
public final class Pipeline {
  private final List<Stage> stages;

  private Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /**
   * Starts a pipeline; stages are linked in the order they are added.
   *
   * @param nanoClock the stages' clock, on {@link System#nanoTime}'s scale (the brain's deadlines are measured on it)
   * @param scheduler runs the stages' delayed tasks ({@link Stage#runLater})
   */
  public static Builder builder(LongSupplier nanoClock, Scheduler scheduler) {
    return new Builder(nanoClock, scheduler);
  }

  /** Sends a frame into the head of the pipeline. */
  public void send(Frame frame) {
    stages.get(0).accept(frame, Direction.DOWNSTREAM);
  }

  public static final class Builder {
    private final LongSupplier nanoClock;
    private final Scheduler scheduler;
    private final List<Stage> stages = new ArrayList<>();
    private final List<Executor> executors = new ArrayList<>();

    private Builder(LongSupplier nanoClock, Scheduler scheduler) {
      this.nanoClock = nanoClock;
      this.scheduler = scheduler;
    }

    /** Adds a stage whose frames are processed one at a time on {@code pool}. */
    public Builder add(Stage stage, Executor pool) {
      stages.add(stage);
      executors.add(new SerialExecutor(pool));
      return this;
    }

    /** Adds a stage that runs on the thread of whoever pushes to it. */
    public Builder addInline(Stage stage) {
      stages.add(stage);
      executors.add(Runnable::run);
      return this;
    }

    /** Links the stages; {@code upstreamSink} receives what leaves the head (errors), {@code downstreamSink} the tail. */
    public Pipeline build(Consumer<Frame> upstreamSink, Consumer<Frame> downstreamSink) {
      for (int i = 0; i < stages.size(); i++) {
        Stage prev = i > 0 ? stages.get(i - 1) : null;
        Stage next = i + 1 < stages.size() ? stages.get(i + 1) : null;
        Consumer<Frame> down = next != null ? f -> next.accept(f, Direction.DOWNSTREAM) : downstreamSink;
        Consumer<Frame> up = prev != null ? f -> prev.accept(f, Direction.UPSTREAM) : upstreamSink;
        stages.get(i).wire(executors.get(i), down, up, nanoClock, scheduler);
      }
      return new Pipeline(stages);
    }
  }
}
