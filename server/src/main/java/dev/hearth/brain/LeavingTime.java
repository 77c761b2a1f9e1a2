package dev.hearth.brain;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A responder asked to begin answering {@code reserveMillis} before the turn's deadline, so that the responder after
 * it ({@code next}) still has that long when this one gives way: a local model that has not begun by then leaves
 * OpenAI its time to answer, instead of the whole deadline passing first. The reserve is read for each turn (0 gives
 * this responder the whole deadline, for when {@code next} could not answer anyway). Once begun, a responder
 * finishes as it would.
 */
public final class LeavingTime implements Responder {
  private final Responder inner;
  private final LongSupplier reserveMillis;
  private final String next;

  public LeavingTime(Responder inner, LongSupplier reserveMillis, String next) {
    this.inner = inner;
    this.reserveMillis = reserveMillis;
    this.next = next;
  }

  @Override
  public String source() {
    return inner.source();
  }

  @Override
  public boolean preparesAhead() {
    return inner.preparesAhead();
  }

  @Override
  public boolean anticipate(BrainRequest heardSoFar) {
    return inner.anticipate(heardSoFar);
  }

  @Override
  public void stopAnticipating() {
    inner.stopAnticipating();
  }

  @Override
  public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) throws Exception {
    long reserve = reserveMillis.getAsLong();
    if (reserve <= 0 || request.deadlineNanos() == Long.MAX_VALUE) return inner.respond(request, deltas);
    BrainRequest earlier = request.withDeadline(request.deadlineNanos() - reserve * 1_000_000);
    try {
      return inner.respond(earlier, deltas);
    } catch (ResponderUnavailable e) {
      if (earlier.millisLeft() > 0) throw e;
      throw new ResponderUnavailable(e.getMessage() + ", " + reserve + " ms before the turn's, left to " + next);
    }
  }
}
