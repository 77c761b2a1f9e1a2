package dev.hearth.brain.intent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrases a restricted recognizer is built from, written out of the templates. Vosk estimates a bigram language
 * model from a phrase list, so the phrases must hold every pair of neighbouring words the templates allow (and every
 * first and last word), not every sentence: "{number} plus {number}" needs each number once before and once after
 * "plus", not all 10,000 sums. Each sequence is written so: for every two of its parts that can stand next to each
 * other (the parts between them left out, where they are optional), a phrase for every way the first can end and the
 * second begin; the other parts take their options in turn, so every option appears. Slot types contribute their
 * {@link SlotType#phrases() phrases}, which are templates themselves.
 */
public final class GrammarPhrases {
  /** Most phrases one nested sequence contributes: far above what the skills need, a bound on a careless template. */
  private static final int MAX_PER_SEQUENCE = 20_000;

  /**
   * Words people run together, as the recognizer writes them: templates spell them out (the matcher sees "what's" as
   * "what is"), and the grammar holds both, or a person saying "what's" would be heard as "what".
   */
  private static final Map<String, String> CONTRACTIONS = Map.of("what is", "what's", "i am", "i'm", "let us", "let's",
      "did not", "didn't", "it is", "it's");

  private final Map<String, SlotType> slotTypes;
  private final Map<String, List<String>> slotPhrases = new LinkedHashMap<>();

  private GrammarPhrases(Map<String, SlotType> slotTypes) {
    this.slotTypes = slotTypes;
  }

  /** Every template's phrases, without repeats, in a stable order. */
  public static List<String> of(IntentMatcher matcher) {
    GrammarPhrases g = new GrammarPhrases(matcher.slotTypes());
    Set<String> out = new LinkedHashSet<>();
    for (IntentMatcher.Sentence s : matcher.sentences()) {
      for (String phrase : g.expand(s.template().root())) {
        if (phrase.isEmpty()) continue;
        out.add(phrase);
        CONTRACTIONS.forEach((full, contracted) -> {
          if ((" " + phrase + " ").contains(" " + full + " ")) out.add((" " + phrase + " ").replace(" " + full + " ", " " + contracted + " ").trim());
        });
      }
    }
    return List.copyOf(out);
  }

  /** Every word any template or slot phrase may hold: the vocabulary of a word-list grammar. */
  public static List<String> words(IntentMatcher matcher) {
    Set<String> words = new java.util.TreeSet<>();
    for (String phrase : of(matcher)) words.addAll(List.of(phrase.split(" ")));
    return List.copyOf(words);
  }

  /** The strings {@code node} stands for ("" when it may be left out), enough to hold each neighbouring pair. */
  private List<String> expand(Template.Node node) {
    if (node instanceof Template.Word w) return List.of(w.text());
    if (node instanceof Template.Choice c) {
      Set<String> options = new LinkedHashSet<>();
      for (Template.Node alt : c.alternatives()) options.addAll(expand(alt));
      if (c.optional()) options.add("");
      return List.copyOf(options);
    }
    if (node instanceof Template.SlotRef ref) return slot(ref.type());
    return sequence(((Template.Sequence) node).parts().stream().map(this::expand).toList());
  }

  private List<String> slot(String type) {
    List<String> cached = slotPhrases.get(type);
    if (cached != null) return cached;
    slotPhrases.put(type, List.of()); // a slot type whose phrases name itself contributes nothing more
    Set<String> options = new LinkedHashSet<>();
    for (String phrase : slotTypes.get(type).phrases()) options.addAll(expand(Template.parse(phrase).root()));
    List<String> phrases = List.copyOf(options);
    slotPhrases.put(type, phrases);
    return phrases;
  }

  /** Phrases for parts in order, each part given as its options: every neighbouring pair, then every option once. */
  private static List<String> sequence(List<List<String>> parts) {
    int n = parts.size();
    Set<String> out = new LinkedHashSet<>();
    List<Set<String>> unused = new ArrayList<>();
    for (List<String> part : parts) unused.add(new LinkedHashSet<>(part));
    int[] turn = new int[n];
    for (int p = -1; p < n; p++) { // the start (-1) and the end (n) are neighbours too
      for (int q = p + 1; q <= n; q++) {
        for (String a : ends(parts, p, true)) {
          for (String b : ends(parts, q, false)) {
            out.add(phrase(parts, turn, unused, p, a, q, b));
            if (out.size() >= MAX_PER_SEQUENCE) return List.copyOf(out);
          }
        }
        if (q < n && !parts.get(q).contains("")) break; // a part that must be said: nothing beyond it is a neighbour
      }
    }
    for (int r = 0; r < n; r++) {
      while (!unused.get(r).isEmpty() && out.size() < MAX_PER_SEQUENCE) {
        out.add(phrase(parts, turn, unused, r, unused.get(r).iterator().next(), n + 1, ""));
      }
    }
    return List.copyOf(out);
  }

  /** One phrase: {@code a} at part p, {@code b} at part q, nothing between them, the other parts' options in turn. */
  private static String phrase(List<List<String>> parts, int[] turn, List<Set<String>> unused, int p, String a, int q,
      String b) {
    List<String> words = new ArrayList<>();
    for (int r = 0; r < parts.size(); r++) {
      String option;
      if (r == p) {
        option = a;
      } else if (r == q) {
        option = b;
      } else if (r > p && r < q && q <= parts.size()) {
        option = "";
      } else {
        option = parts.get(r).get(turn[r]++ % parts.get(r).size());
      }
      unused.get(r).remove(option);
      if (!option.isEmpty()) words.add(option);
    }
    return String.join(" ", words);
  }

  /**
   * One option of part {@code p} for each word it can end with ({@code last}) or begin with: all a neighbour needs to
   * meet. The start and the end stand for "".
   */
  private static List<String> ends(List<List<String>> parts, int p, boolean last) {
    if (p < 0 || p >= parts.size()) return List.of("");
    Map<String, String> byEdge = new LinkedHashMap<>();
    for (String option : parts.get(p)) {
      if (option.isEmpty()) continue;
      String[] w = option.split(" ");
      byEdge.putIfAbsent(last ? w[w.length - 1] : w[0], option);
    }
    return List.copyOf(byEdge.values());
  }

}
