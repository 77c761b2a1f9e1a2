package dev.hearth.brain;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The ordered chain of responders: the first one that answers wins. */
public final class Brain {
  private final List<Responder> chain;

  public Brain(List<Responder> chain) {
    if (chain.isEmpty()) throw new IllegalArgumentException("the brain needs at least one responder");
    this.chain = List.copyOf(chain);
  }

  /** Asks each responder in order; throws if none answers (the last one should always answer). */
  public Reply answer(BrainRequest request, Consumer<String> deltas) throws Exception {
    for (Responder responder : chain) {
      Optional<Reply> reply = responder.respond(request, deltas);
      if (reply.isPresent()) return reply.get();
    }
    throw new IllegalStateException("no responder answered: " + request.text());
  }

  public List<Responder> chain() {
    return chain;
  }
}
