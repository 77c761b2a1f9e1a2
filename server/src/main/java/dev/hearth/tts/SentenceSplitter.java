package dev.hearth.tts;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts streaming reply text into sentences, so each can be spoken as soon as it is complete.
 *
 * <p>A sentence ends at {@code . ! ?} (or a newline) followed by whitespace, except after a decimal point
 * ("3.5"), a common abbreviation ("Mr.", "e.g.") or a single initial. Feed text with {@link #add} as it
 * arrives; call {@link #finish} for the rest. Not thread-safe.
 */
public final class SentenceSplitter {
  private static final java.util.Set<String> ABBREVIATIONS = java.util.Set.of(
      "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "approx", "no", "fig");

  private final StringBuilder pending = new StringBuilder();

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
    return sentences;
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
