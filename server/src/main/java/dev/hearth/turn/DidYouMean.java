package dev.hearth.turn;

import dev.hearth.brain.Reply;
import java.util.Locale;
import java.util.Set;

/**
 * A wrong command is worse than a question back. When a voice turn's words are a recognizer's guess
 * ({@link Turn#guessed()}), the session asks "Did you mean: …?" instead of acting; a "yes" in the next turn carries
 * out the guessed words, a "no" drops them, and anything else is a new request (the guess is forgotten). A question
 * left unanswered for {@link #ANSWER_WITHIN_MILLIS} is forgotten too. One per session; used on its brain thread.
 */
final class DidYouMean {
  static final String SOURCE = "skill";
  static final long ANSWER_WITHIN_MILLIS = 60_000;
  private static final Set<String> YES = Set.of("yes", "yeah", "yep", "yup", "yes please", "please", "correct",
      "right", "that is right", "thats right", "sure", "exactly", "yes i did", "i did", "uh huh", "okay", "ok",
      "yes that is right", "yes thats right", "do it", "go ahead");
  private static final Set<String> NO = Set.of("no", "nope", "no thanks", "no thank you", "wrong", "no i did not",
      "no i didnt", "not that", "i did not", "i didnt", "no that is wrong", "no thats wrong");

  /** What a turn's words come to: the words to answer (the guess, once confirmed), or a reply that ends the turn. */
  record Outcome(String text, Reply reply) {}

  private String pending;
  private long askedAtMillis;

  /** The question back for a guessed turn's {@code text}; remembers the guess until the next turn. */
  Reply ask(String text, long nowMillis) {
    pending = text;
    askedAtMillis = nowMillis;
    return Reply.of("Did you mean: " + text + "?", SOURCE);
  }

  /** A turn's words after a question back: the guess when they say yes, a short reply when no, else the words. */
  Outcome resolve(String text, long nowMillis) {
    String guess = pending;
    pending = null;
    if (guess == null || nowMillis - askedAtMillis > ANSWER_WITHIN_MILLIS) return new Outcome(text, null);
    String said = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").replaceAll("\\s+", " ").trim();
    if (YES.contains(said)) return new Outcome(guess, null);
    if (NO.contains(said)) return new Outcome(text, Reply.of("Okay. Please say it again.", SOURCE));
    return new Outcome(text, null);
  }
}
