package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The last responder in the chain: always answers. Without a language model it says what the built-in skills
 * can do and that anything else needs one; with a model that could not answer (it failed or wrote nothing),
 * that it cannot answer offline; and when OpenAI would have been asked but a rate or the day's budget refused,
 * that refusal's sentence.
 */
public final class OfflineFallback implements Responder {
  public static final String SOURCE = "fallback";

  static final String NO_MODEL = "Sorry, I can't answer that yet. I can only help with the time, dates, timers, "
      + "lists, arithmetic and unit conversions for now. Answering that needs the language model, which isn't set up yet.";
  static final String MODEL_FAILED = "Sorry, I can't answer that offline.";
  static final String NOTHING_HEARD = "Sorry, I didn't catch that. Please try again.";
  static final String REFUSED = "Sorry, I can't answer that right now.";

  /** The answer to a voice turn in which nothing was heard (an empty transcript). */
  public static Reply nothingHeard() {
    return Reply.of(NOTHING_HEARD, SOURCE);
  }

  private final String text;

  /** @param modelInstalled whether a language model comes before this in the chain */
  public OfflineFallback(boolean modelInstalled) {
    this.text = modelInstalled ? MODEL_FAILED : NO_MODEL;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) {
    if (Utterance.of(request.text()).tokens().isEmpty()) return Optional.of(nothingHeard());
    if (request.refusal() != null) return Optional.of(Reply.of(REFUSED + " " + request.refusal().sentence(), SOURCE));
    return Optional.of(Reply.of(text, SOURCE));
  }
}
