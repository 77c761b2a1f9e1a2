package dev.hearth.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A linear chain of stages. Frames enter at the head going downstream; frames pushed upstream out of the
 * head, and downstream out of the tail, go to the given sinks. Each stage runs on its own serial executor.
 */
public final class Pipeline {
  private final List<Stage> stages;

  private Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /** Starts a pipeline; stages are linked in the order they are added. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sends a frame into the head of the pipeline. */
  public void send(Frame frame) {
    stages.get(0).accept(frame, Direction.DOWNSTREAM);
  }

  public static final class Builder {
    private final List<Stage> stages = new ArrayList<>();
    private final List<Executor> executors = new ArrayList<>();

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
        stages.get(i).wire(executors.get(i), down, up);
      }
      return new Pipeline(stages);
    }
  }
}
