package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Refusal;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The last responder in the chain: always answers, in a short sentence that names one thing that would help (at most
 * about three seconds of speech), with the longer explanation in the reply's {@link Reply#detail()} for the page.
 * Without a language model it says it cannot answer offline yet; with a model that could not answer (it failed or
 * wrote nothing), that it cannot answer offline; and when OpenAI would have been asked but a rate or the day's
 * budget refused, when to try again.
 */
public final class OfflineFallback implements Responder {
  public static final String SOURCE = "fallback";

  static final String NO_MODEL = "I can't answer that offline yet.";
  static final String NO_MODEL_DETAIL = "Answering that needs a language model, and none is set up. Without one I "
      + "can help with the time and dates, timers and alarms, the shopping and to-do lists, arithmetic, unit "
      + "conversions and small talk: say \"what can you do\" for examples. To answer anything else, install a local "
      + "model (docs/models.md) or give Hearth an OpenAI key (docs/openai.md).";
  static final String MODEL_FAILED = "Sorry, I can't answer that offline.";
  static final String MODEL_FAILED_DETAIL = "The language model gave no answer this time. Asking in other words may "
      + "help; the server's log says what went wrong.";
  static final String NOTHING_HEARD = "Sorry, I didn't catch that.";
  static final String REFUSED = "Not right now.";
  /** A refusal that may pass within this many seconds says "in a minute"; a longer one says "later". */
  private static final long SOON_SECONDS = 120;

  /** The answer to a voice turn in which nothing was heard (an empty transcript). */
  public static Reply nothingHeard() {
    return Reply.of(NOTHING_HEARD, SOURCE);
  }

  private final boolean modelInstalled;

  /** @param modelInstalled whether a language model comes before this in the chain */
  public OfflineFallback(boolean modelInstalled) {
    this.modelInstalled = modelInstalled;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) {
    if (Utterance.of(request.text()).tokens().isEmpty()) return Optional.of(nothingHeard());
    Refusal refusal = request.refusal();
    if (refusal != null) {
      String when = refusal.code().equals(Refusal.BUDGET_EXCEEDED) ? " Try again tomorrow."
          : refusal.retryAfterSeconds() <= SOON_SECONDS ? " Try again in a minute." : " Try again later.";
      return Optional.of(Reply.explained(REFUSED + when, SOURCE, refusal.sentence()));
    }
    if (modelInstalled) return Optional.of(Reply.explained(MODEL_FAILED, SOURCE, MODEL_FAILED_DETAIL));
    return Optional.of(Reply.explained(NO_MODEL, SOURCE, NO_MODEL_DETAIL));
  }
}
