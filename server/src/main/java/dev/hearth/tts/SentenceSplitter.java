package dev.hearth.tts;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts streaming reply text into sentences, so each can be spoken as soon as it is complete.
 *
 * <p>A sentence ends at {@code . ! ?} (or a newline) followed by whitespace, except after a decimal point
 * ("3.5"), a common abbreviation ("Mr.", "e.g.") or a single initial. Feed text with {@link #add} as it
 * arrives; call {@link #finish} for the rest. Not thread-safe.
 *
 * <p>A splitter made by {@link #firstPhrase()} gives its first piece sooner, for text that streams in slowly (a
 * model's answer, a token at a time): while that first sentence is still unfinished, it is cut at its first clause
 * boundary, so the voice can start after a handful of words. The boundary is a word ending in {@code , ; :} (cut as
 * soon as the mark comes, when it follows a letter) or a dash, the word before "and", "but", "or", "so" or "because" once {@value #CONJUNCTION_AFTER_WORDS} words have come,
 * or else the {@value #MAX_FIRST_PHRASE_WORDS}th word. A first sentence that has come whole (or may have: it ends in
 * {@code . ! ?}, waiting for what follows) is not cut: a phrase would gain no time and cost it its prosody. Later
 * pieces are sentences.
 */
public final class SentenceSplitter {
  private static final java.util.Set<String> ABBREVIATIONS = java.util.Set.of(
      "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "approx", "no", "fig");
  /** Words that may open a clause, before which a first phrase may end. */
  private static final java.util.Set<String> CONJUNCTIONS = java.util.Set.of("and", "but", "or", "so", "because");
  /** A first phrase ends before a conjunction only after this many words ("Salt and pepper" stays whole). */
  static final int CONJUNCTION_AFTER_WORDS = 4;
  /** A first phrase with no clause boundary ends after this many words. */
  static final int MAX_FIRST_PHRASE_WORDS = 8;

  private final StringBuilder pending = new StringBuilder();
  /** Whether the first piece is still to come and may be a phrase. */
  private boolean phraseFirst;

  /** A splitter into sentences only. */
  public SentenceSplitter() {
    this(false);
  }

  private SentenceSplitter(boolean phraseFirst) {
    this.phraseFirst = phraseFirst;
  }

  /** A splitter whose first piece is a phrase, while its sentence is unfinished (see the class comment). */
  public static SentenceSplitter firstPhrase() {
    return new SentenceSplitter(true);
  }

  /** Adds streamed text; returns the sentences it completed, trimmed, in order. */
  public List<String> add(String text) {
    pending.append(text);
    List<String> sentences = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < pending.length() - 1; i++) {
      char c = pending.charAt(i);
      boolean boundary = c == '\n'
          || ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(pending.charAt(i + 1)) && !abbreviation(i));
      if (boundary) {
        String sentence = pending.substring(from, i + 1).trim();
        if (!sentence.isEmpty()) sentences.add(sentence);
        from = i + 1;
      }
    }
    pending.delete(0, from);
    if (phraseFirst && sentences.isEmpty() && !mayEndSentence()) {
      int cut = firstPhraseEnd();
      if (cut > 0) {
        sentences.add(pending.substring(0, cut).trim());
        pending.delete(0, cut);
      }
    }
    if (!sentences.isEmpty()) phraseFirst = false;
    return sentences;
  }

  /** Whether the text so far ends as a sentence may, so that the next character could complete it. */
  private boolean mayEndSentence() {
    int last = pending.length() - 1;
    while (last >= 0 && Character.isWhitespace(pending.charAt(last))) last--;
    return last >= 0 && ".!?".indexOf(pending.charAt(last)) >= 0;
  }

  /**
   * Where the first phrase of the unfinished text ends (after its last character), or 0 when it has none yet. Only
   * whole words count, those followed by whitespace: the last one may still grow ("and" into "android"), unless it
   * already ends a clause ({@link #endsClauseAlready}).
   */
  private int firstPhraseEnd() {
    int words = 0;
    int i = 0;
    int n = pending.length();
    int previousEnd = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(pending.charAt(i))) i++;
      int start = i;
      while (i < n && !Character.isWhitespace(pending.charAt(i))) i++;
      if (start == n) return 0; // no word yet
      String word = pending.substring(start, i);
      if (i == n) return endsClauseAlready(word) ? i : 0; // a word that may still go on, unless its end is sure
      if (words >= CONJUNCTION_AFTER_WORDS && CONJUNCTIONS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
        return previousEnd;
      }
      words++;
      char last = word.charAt(word.length() - 1);
      if (last == ',' || last == ';' || last == ':' || last == '\u2014' || word.equals("-") || word.equals("--")) {
        return i;
      }
      if (words >= MAX_FIRST_PHRASE_WORDS) return i;
      previousEnd = i;
    }
    return 0;
  }

  /**
   * Whether a word that nothing follows yet already ends a clause: it ends in {@code , ; :} after a letter. A model's
   * tokens put the space before a word, so waiting for it would hold the phrase back a whole token; after a digit the
   * mark may still be inside a number ("1,000", "8:10").
   */
  private static boolean endsClauseAlready(String word) {
    int n = word.length();
    return n >= 2 && ",;:".indexOf(word.charAt(n - 1)) >= 0 && Character.isLetter(word.charAt(n - 2));
  }

  /** Characters added but not yet returned in a sentence. */
  public int pendingChars() {
    return pending.length();
  }

  /** Returns whatever text remains as a last sentence (empty list when only whitespace remains). */
  public List<String> finish() {
    String rest = pending.toString().trim();
    pending.setLength(0);
    return rest.isEmpty() ? List.of() : List.of(rest);
  }

  /** Splits a whole text at once. */
  public static List<String> split(String text) {
    SentenceSplitter s = new SentenceSplitter();
    List<String> all = new ArrayList<>(s.add(text));
    all.addAll(s.finish());
    return all;
  }

  private boolean abbreviation(int dot) {
    if (pending.charAt(dot) != '.') return false;
    int start = dot;
    while (start > 0 && !Character.isWhitespace(pending.charAt(start - 1))) start--;
    String word = pending.substring(start, dot).toLowerCase(java.util.Locale.ROOT);
    if (word.length() == 1 && Character.isUpperCase(pending.charAt(start))) return true; // an initial: "J. Smith"
    return ABBREVIATIONS.contains(word.replaceAll("^[(\"']+", ""));
  }
}
