package dev.hearth.brain;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * One link in the brain's ordered chain: answers a request or declines it.
 *
 * <p>A responder that streams (the local LLM, OpenAI) passes text to {@code deltas} as it is produced;
 * the returned {@link Reply} carries the whole text. A responder that answers at once may skip deltas.
 * Called on a brain thread the app owns; may block.
 */
public interface Responder {

  /** Short name reported as the reply's {@code source}, e.g. "skill" or "llm". */
  String source();

  /**
   * Whether this responder answers at once, without waiting for a model or the network (the skills), so that the brain
   * asks it even after the turn's deadline.
   */
  default boolean answersAtOnce() {
    return false;
  }

  /** Returns the reply, or empty when this responder does not handle the request. */
  Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) throws Exception;

  /** Whether this responder prepares ahead in {@link #anticipate}: without one, the brain skips anticipating. */
  default boolean preparesAhead() {
    return false;
  }

  /**
   * The user's words heard so far, while they are still speaking: a responder may prepare to answer them. Returns
   * whether it would take these words (the skills, for a command), so that those after it need not prepare. Returns
   * at once; called on a brain thread. By default: prepares nothing, takes nothing.
   */
  default boolean anticipate(BrainRequest heardSoFar) {
    return false;
  }

  /** Stops preparing what {@link #anticipate} began. */
  default void stopAnticipating() {}
}
