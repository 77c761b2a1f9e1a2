package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The last responder in the chain while no language model is installed: always answers, saying what the
 * built-in skills can do and that anything else needs the local language model.
 */
public final class NeedsLanguageModel implements Responder {
  public static final String SOURCE = "fallback";

  static final String TEXT = "Sorry, I can't answer that yet. I can only help with the time, dates, timers, "
      + "arithmetic and unit conversions for now. Answering that needs the language model, which isn't set up yet.";
  static final String NOTHING_HEARD = "Sorry, I didn't catch that. Please try again.";

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) {
    String text = Utterance.of(request.text()).tokens().isEmpty() ? NOTHING_HEARD : TEXT;
    return Optional.of(Reply.of(text, SOURCE));
  }
}
