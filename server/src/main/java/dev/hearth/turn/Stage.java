package dev.hearth.turn;

import dev.hearth.turn.Frame.ErrorFrame;
import dev.hearth.turn.Frame.SystemFrame;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the voice pipeline. A stage receives frames one at a time, in order, on its own executor,
 * overrides {@link #process} and calls {@link #push} to hand frames on. Frames of a cancelled turn are
 * dropped before {@code process} unless they are system frames. An exception thrown by {@code process}
 * becomes an {@link ErrorFrame} sent upstream.
 */
public abstract class Stage {
  private static final Logger log = LoggerFactory.getLogger(Stage.class);

  private Executor executor = Runnable::run;
  private Consumer<Frame> downstream = f -> {};
  private Consumer<Frame> upstream = f -> {};

  /** Handles one frame; the default passes it on in the direction it was going. */
  protected void process(Frame frame, Direction direction) throws Exception {
    push(frame, direction);
  }

  /** Sends a frame to the next stage downstream or the previous one upstream. */
  protected final void push(Frame frame, Direction direction) {
    (direction == Direction.DOWNSTREAM ? downstream : upstream).accept(frame);
  }

  /** Reports a failure of this turn upstream. */
  protected final void pushError(Frame cause, String code, String message, Throwable error) {
    push(new ErrorFrame(cause.turn(), name(), code, message, error), Direction.UPSTREAM);
  }

  /** A short name for logs and error frames. */
  public String name() {
    return getClass().getSimpleName();
  }

  /** Queues a frame for this stage. */
  final void accept(Frame frame, Direction direction) {
    executor.execute(() -> run(frame, direction));
  }

  private void run(Frame frame, Direction direction) {
    if (!(frame instanceof SystemFrame) && frame.turn().cancelled()) return;
    try {
      process(frame, direction);
    } catch (Exception | Error e) {
      log.warn("{} failed on {} of turn {}", name(), frame.getClass().getSimpleName(), frame.turn().id(), e);
      pushError(frame, "internal", name() + " failed: " + e.getMessage(), e);
    }
  }

  final void wire(Executor executor, Consumer<Frame> downstream, Consumer<Frame> upstream) {
    this.executor = executor;
    this.downstream = downstream;
    this.upstream = upstream;
  }
}
