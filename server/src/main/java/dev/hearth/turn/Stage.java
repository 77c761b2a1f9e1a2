package dev.hearth.turn;

import dev.hearth.turn.Frame.ErrorFrame;
import dev.hearth.turn.Frame.SystemFrame;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the voice pipeline. A stage receives downstream frames one at a time, in order, on its own
 * executor, overrides {@link #process} and calls {@link #push} to hand frames on. Frames of a cancelled turn are
 * dropped before {@code process} unless they are system frames. Upstream frames (errors) pass through every stage
 * unchanged to the session. An exception thrown by {@code process} becomes an {@link ErrorFrame} sent upstream.
 * The clock and the timer are the pipeline's, given when it is built.
 */
public abstract class Stage {
  private static final Logger log = LoggerFactory.getLogger(Stage.class);

  private Executor executor = Runnable::run;
  private Consumer<Frame> downstream = f -> {};
  private Consumer<Frame> upstream = f -> {};
  private LongSupplier nanoClock;
  private Scheduler scheduler;

  /** Handles one downstream frame; the default passes it on. */
  protected void process(Frame frame) throws Exception {
    push(frame, Direction.DOWNSTREAM);
  }

  /** Sends a frame to the next stage downstream or the previous one upstream. */
  protected final void push(Frame frame, Direction direction) {
    (direction == Direction.DOWNSTREAM ? downstream : upstream).accept(frame);
  }

  /** Reports a failure of this turn upstream. */
  protected final void pushError(Frame cause, String code, String message, Throwable error) {
    push(new ErrorFrame(cause.turn(), name(), code, message, error), Direction.UPSTREAM);
  }

  /** Runs {@code task} on this stage's executor after {@code delayMillis}, in turn with its frames. */
  protected final void runLater(Runnable task, long delayMillis) {
    Executor own = executor;
    scheduler.schedule(() -> own.execute(task), delayMillis);
  }

  /** The pipeline's clock in nanoseconds, on {@link System#nanoTime}'s scale: for durations and deadlines. */
  protected final long nanoTime() {
    return nanoClock.getAsLong();
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
    if (direction == Direction.UPSTREAM) {
      push(frame, direction);
      return;
    }
    if (!(frame instanceof SystemFrame) && frame.turn().cancelled()) return;
    try {
      process(frame);
    } catch (Exception | Error e) {
      log.warn("{} failed on {} of turn {}", name(), frame.getClass().getSimpleName(), frame.turn().id(), e);
      pushError(frame, "internal", name() + " failed: " + e.getMessage(), e);
    }
  }

  final void wire(Executor executor, Consumer<Frame> downstream, Consumer<Frame> upstream, LongSupplier nanoClock,
      Scheduler scheduler) {
    this.executor = executor;
    this.downstream = downstream;
    this.upstream = upstream;
    this.nanoClock = nanoClock;
    this.scheduler = scheduler;
  }
}
