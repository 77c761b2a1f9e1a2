package dev.hearth.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: the fewest word substitutions, deletions and insertions that turn the reference into the
 * hypothesis (word-level Levenshtein), divided by the number of reference words.
 */
public final class WordErrorRate {
  private WordErrorRate() {}

  /** Edit counts against {@code referenceWords}; add them up over turns before dividing. */
  public record Counts(int substitutions, int deletions, int insertions, int referenceWords) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0);

    public int errors() {
      return substitutions + deletions + insertions;
    }

    /** (S + D + I) / N, or null when there are no reference words. */
    public Double rate() {
      return referenceWords == 0 ? null : (double) errors() / referenceWords;
    }

    public Counts plus(Counts o) {
      return new Counts(substitutions + o.substitutions, deletions + o.deletions, insertions + o.insertions,
          referenceWords + o.referenceWords);
    }
  }

  /** Compares {@code hypothesis} with {@code reference} after {@link #normalize normalizing} both. */
  public static Counts count(String reference, String hypothesis) {
    return count(normalize(reference), normalize(hypothesis));
  }

  /** Compares word lists as given. */
  public static Counts count(List<String> ref, List<String> hyp) {
    int n = ref.size();
    int m = hyp.size();
    // cost[i][j]: edits turning the first i reference words into the first j hypothesis words
    int[][] cost = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) cost[i][0] = i;
    for (int j = 0; j <= m; j++) cost[0][j] = j;
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int sub = cost[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
        cost[i][j] = Math.min(sub, Math.min(cost[i - 1][j] + 1, cost[i][j - 1] + 1));
      }
    }
    // walk one cheapest path back to count each kind of edit
    int s = 0;
    int d = 0;
    int ins = 0;
    int i = n;
    int j = m;
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1)) {
        if (!ref.get(i - 1).equals(hyp.get(j - 1))) s++;
        i--;
        j--;
      } else if (i > 0 && cost[i][j] == cost[i - 1][j] + 1) {
        d++;
        i--;
      } else {
        ins++;
        j--;
      }
    }
    return new Counts(s, d, ins, n);
  }

  /**
   * Lowercases, removes punctuation except apostrophes (curly ones become {@code '}), treats hyphens and dashes
   * as spaces, and splits on whitespace.
   */
  public static List<String> normalize(String text) {
    if (text == null) return List.of();
    String t = text.toLowerCase(Locale.ROOT)
        .replace('\u2019', '\'')
        .replaceAll("\\p{Pd}", " ")
        .replaceAll("[\\p{P}&&[^']]", "")
        .strip();
    if (t.isEmpty()) return List.of();
    List<String> words = new java.util.ArrayList<>();
    for (String w : t.split("\\s+")) words.addAll(Arrays.asList(expand(w).split(" ")));
    return words;
  }

  /**
   * Spells out titles and contractions the same way on both sides, as common English WER normalizers do
   * (Whisper's among them), so "we're" and "we are", or "mr" and "mister", are not counted as errors.
   */
  static String expand(String word) {
    String title = TITLES.get(word);
    if (title != null) return title;
    for (String[] c : CONTRACTIONS) {
      if (word.endsWith(c[0]) && word.length() > c[0].length()) {
        String stem = word.substring(0, word.length() - c[0].length());
        return (c[0].equals("n't") && stem.equals("wo") ? "will" : c[0].equals("n't") && stem.equals("ca") ? "can" : stem) + " " + c[1];
      }
    }
    return word;
  }

  private static final java.util.Map<String, String> TITLES = java.util.Map.of(
      "mr", "mister", "mrs", "missus", "dr", "doctor", "st", "saint", "prof", "professor");
  private static final String[][] CONTRACTIONS = {
      {"n't", "not"}, {"'re", "are"}, {"'ve", "have"}, {"'ll", "will"}, {"'m", "am"}, {"'d", "would"},
      {"'s", "is"}};
}
