package dev.hearth.brain;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered chain of responders: the first one that answers wins. A responder that could not answer
 * ({@link ResponderUnavailable}) is skipped, and one log line names it, the reason, and the responder that
 * answered instead. The first {@link Refusal} of a skipped responder goes with the request to those after it. Once
 * the request's deadline has passed, only the responders that answer at once and the last one are asked.
 */
public final class Brain {
  private static final Logger log = LoggerFactory.getLogger(Brain.class);

  private final List<Responder> chain;
  /** Whether any responder prepares ahead; if none does, words heard so far cost nothing (not even the skills' match). */
  private final boolean anyPrepares;

  public Brain(List<Responder> chain) {
    if (chain.isEmpty()) throw new IllegalArgumentException("the brain needs at least one responder");
    this.chain = List.copyOf(chain);
    this.anyPrepares = chain.stream().anyMatch(Responder::preparesAhead);
  }

  /** Asks each responder in order; throws if none answers (the last one should always answer). */
  public Reply answer(BrainRequest request, Consumer<String> deltas) throws Exception {
    StringBuilder skipped = new StringBuilder();
    BrainRequest asked = request;
    for (Responder responder : chain) {
      Optional<Reply> reply;
      try {
        boolean last = responder == chain.get(chain.size() - 1);
        if (!last && !responder.answersAtOnce() && asked.millisLeft() == 0) {
          throw new ResponderUnavailable("the turn's deadline had passed");
        }
        reply = responder.respond(asked, deltas);
      } catch (ResponderUnavailable e) {
        if (skipped.length() > 0) skipped.append("; ");
        skipped.append(responder.source()).append(" could not answer (").append(e.getMessage()).append(')');
        if (asked.refusal() == null && e.refusal().isPresent()) asked = asked.withRefusal(e.refusal().get());
        continue;
      }
      if (reply.isPresent()) {
        if (skipped.length() > 0) log.warn("{}; {} answered instead", skipped, responder.source());
        return reply.get();
      }
    }
    throw new IllegalStateException("no responder answered: " + request.text());
  }

  /**
   * The user's words heard so far: each responder in order may prepare to answer them, until one would take them;
   * those after it stop preparing (a command the skills will answer needs no model). Returns at once.
   */
  public void anticipate(BrainRequest heardSoFar) {
    if (!anyPrepares) return;
    boolean taken = false;
    for (Responder responder : chain) {
      if (taken) responder.stopAnticipating();
      else taken = responder.anticipate(heardSoFar);
    }
  }

  /** Every responder stops preparing: a barge-in or a new turn. */
  public void stopAnticipating() {
    if (anyPrepares) chain.forEach(Responder::stopAnticipating);
  }

  public List<Responder> chain() {
    return chain;
  }
}
