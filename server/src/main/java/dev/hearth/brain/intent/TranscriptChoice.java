package dev.hearth.brain.intent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which words a voice turn goes on with when two recognizers heard it: open recognition (the full model, its best
 * transcript and N-best alternatives) and restricted recognition (a grammar written from the skills' templates, which
 * can only hear commands; its best reading and N-best alternatives). The candidates, in order: the open transcript
 * (the person said a command and it was heard), its alternatives (the model heard the command, only ranked it
 * lower), and the restricted readings, each when it holds no unknown word and sounds like what open recognition heard
 * in one of its readings (their letters differ in at most {@code 1 - minSimilarity} of the longer one: the small model
 * misheard a command by a word or two, "cancelled the past or timer" for "cancel the pasta timer"). The grammar's
 * readings are all tried because it is written as pairs of neighbouring words, so its best reading can be no sentence
 * ("what days tomorrow") where the next is one ("what day is tomorrow"). The first a template takes surely
 * ({@value #SURE} or more) wins; else the surest match (so an open reading that sets a timer without a length the
 * matcher could read loses to the grammar's reading with one); else the open transcript goes on, to the language model or the
 * fallback: a question that is no command sounds nothing like the command the grammar forced out of it.
 */
public final class TranscriptChoice {
  /** Where the chosen words came from. */
  public enum Source { OPEN, OPEN_ALTERNATIVE, RESTRICTED }

  /**
   * The transcript chosen, where it came from, the intent a template found in it, and how alike it sounds to what open
   * recognition heard (the closest of its readings; 1 for open recognition's own words).
   */
  public record Choice(String text, Source source, Optional<Intent> intent, double similarity) {
    /**
     * Whether the words are a guess: a restricted recognizer fitted them to a command where open recognition heard
     * something that sounds only somewhat alike (less than {@value TranscriptChoice#CLOSE}). A guess is asked back
     * ("Did you mean …?") rather than carried out.
     */
    public boolean guessed() {
      return source == Source.RESTRICTED && similarity < CLOSE;
    }
  }

  /**
   * What the recognizers heard.
   *
   * @param open the open transcript first, then its alternatives (possibly none)
   * @param restricted the restricted readings, best first; none when there was no restricted recognition
   */
  public record Heard(List<String> open, List<String> restricted) {
    public Heard {
      open = List.copyOf(open);
      restricted = List.copyOf(restricted);
      if (open.isEmpty()) throw new IllegalArgumentException("open recognition gives at least one transcript");
    }
  }

  /**
   * How alike the restricted and open transcripts must sound where a language model or OpenAI answers what is no
   * command: measured with {@code hearth bench --commands}.
   */
  public static final double SIMILAR = 0.6;
  /**
   * How alike they must sound where only commands can be answered (no language model, no OpenAI key), so the grammar
   * is leaned on: what open recognition heard would only get the fallback, and a reading this far from it is a guess,
   * asked back ("Did you mean …?"). On the command corpus, 0.3 let the grammar take an open question; 0.5 keeps a margin.
   */
  public static final double COMMANDS_ONLY = 0.5;
  /** How alike a restricted transcript must sound to open recognition's to be carried out without asking. */
  public static final double CLOSE = 0.85;

  /** A match this sure is taken at once; of less sure ones, the surest wins (an ask-back, a near miss). */
  static final double SURE = 0.95;

  /** The grammar's word for speech it does not hold. */
  static final String UNKNOWN = "[unk]";

  private final Function<String, Optional<Intent>> understand;
  private final double minSimilarity;

  /**
   * @param understand the skills' matcher
   * @param minSimilarity how alike (0 to 1) the restricted and open transcripts must sound for the restricted one
   */
  public TranscriptChoice(Function<String, Optional<Intent>> understand, double minSimilarity) {
    this.understand = understand;
    this.minSimilarity = minSimilarity;
  }

  public Choice choose(Heard heard) {
    return choose(heard.open(), heard::restricted);
  }

  /**
   * {@link #choose(Heard)}, asking for the restricted readings only when no open reading is a sure command: a turn
   * whose command was heard, or that is plainly no command, costs no second recognition.
   */
  public Choice choose(List<String> open, Supplier<List<String>> restricted) {
    if (open.isEmpty()) throw new IllegalArgumentException("open recognition gives at least one transcript");
    String best = open.get(0);
    Choice chosen = null;
    for (int k = 0; k < open.size(); k++) {
      Choice c = new Choice(open.get(k), k == 0 ? Source.OPEN : Source.OPEN_ALTERNATIVE, understand.apply(open.get(k)), 1);
      if (c.intent().isEmpty()) continue;
      if (c.intent().get().confidence() >= SURE) return c; // in order: open, its alternatives, the grammar
      if (chosen == null || c.intent().get().confidence() > chosen.intent().get().confidence()) chosen = c;
    }
    for (String reading : restricted.get()) {
      String heard = reading.trim();
      if (heard.isEmpty() || heard.contains(UNKNOWN)) continue;
      double similar = open.stream().mapToDouble(o -> similarity(o, heard)).max().orElse(0);
      if (similar < minSimilarity) continue;
      Choice c = new Choice(heard, Source.RESTRICTED, understand.apply(heard), similar);
      if (c.intent().isPresent() && (chosen == null || c.intent().get().confidence() > chosen.intent().get().confidence())) {
        chosen = c;
      }
    }
    return chosen != null ? chosen : new Choice(best, Source.OPEN, Optional.empty(), 1);
  }

  /**
   * How alike two transcripts sound, from 0 to 1: one less the edit distance between their letters (spaces and
   * everything else left out, so "past or" is "pastor", near "pasta") over the longer one's.
   */
  static double similarity(String a, String b) {
    String x = letters(a);
    String y = letters(b);
    int longer = Math.max(x.length(), y.length());
    return longer == 0 ? 1 : 1 - (double) editDistance(x, y) / longer;
  }

  private static String letters(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) if (Character.isLetterOrDigit(c)) out.append(c);
    return out.toString();
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
