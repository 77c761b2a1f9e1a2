package dev.hearth.brain.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a person's words into an {@link Intent}: every skill's templates, tried against the whole utterance. The match
 * forgives what people add and what recognizers blur: fillers ("the", "um", "please") may stand anywhere, a word may
 * come as its plural or its plural as the word, and slot types may read near misses; each costs a little
 * confidence, fillers next to nothing. The best match wins (the highest confidence; of equals, the template declared
 * first); the words must all be accounted for, so "what is the capital of france" is no arithmetic.
 */
public final class IntentMatcher {
  /** Words a person may add anywhere without changing what they ask. */
  public static final Set<String> FILLERS = Set.of("a", "an", "the", "um", "uh", "er", "erm", "hmm", "please",
      "hey", "hello", "hi", "just", "so", "well", "oh", "okay", "ok", "now", "actually");
  /** What a skipped filler costs: only enough that a template naming the word wins over one that skips it. */
  static final double FILLER_COST = 0.001;
  /** What a plural for a singular (or the reverse) costs. */
  static final double PLURAL_COST = 0.05;
  /**
   * Short words the small speech model hears as others, measured with {@code hearth bench --commands} over voices
   * that are not Hearth's own: the template's word, and what it is heard as ("what in six times eight", "how many
   * cups and a liter"). Each costs {@link #HEARD_AS_COST}, so a template that has the heard word itself wins.
   */
  public static final Map<String, Set<String>> HEARD_AS = Map.of("is", Set.of("in", "as"), "in", Set.of("and"));
  /** What a word heard as another costs: enough that such a match is never sure ({@code TranscriptChoice.SURE}). */
  public static final double HEARD_AS_COST = 0.1;
  /** Most steps one template's match may take; a bound on backtracking, far above what a sentence needs. */
  private static final int MAX_STEPS = 50_000;

  /** One template and the intent it means. */
  public record Sentence(String intent, Template template) {}

  private final List<Sentence> sentences;
  private final Map<String, SlotType> slotTypes;
  private final Map<String, Predicate<Map<String, Object>>> sensible;

  private IntentMatcher(List<Sentence> sentences, Map<String, SlotType> slotTypes,
      Map<String, Predicate<Map<String, Object>>> sensible) {
    this.sentences = List.copyOf(sentences);
    this.slotTypes = Map.copyOf(slotTypes);
    this.sensible = Map.copyOf(sensible);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every template, in the order they are tried. */
  public List<Sentence> sentences() {
    return sentences;
  }

  /** The slot types the templates use, by name. */
  public Map<String, SlotType> slotTypes() {
    return slotTypes;
  }

  /** The best match for {@code words} (normalised, lowercase), or empty when no template takes them all. */
  public Optional<Intent> match(List<String> words) {
    if (words.isEmpty()) return Optional.empty();
    Intent best = null;
    for (Sentence sentence : sentences) {
      Walk walk = new Walk(words, sensible.getOrDefault(sentence.intent(), slots -> true));
      walk.step(new Todo(sentence.template().root(), null), 0, Map.of(), 0);
      if (walk.bestCost < Double.MAX_VALUE) {
        double confidence = Math.max(0, 1 - walk.bestCost);
        if (best == null || confidence > best.confidence()) {
          best = new Intent(sentence.intent(), walk.bestSlots, confidence, sentence.template());
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Declares templates and the slot types they use. */
  public static final class Builder {
    private final List<Sentence> sentences = new ArrayList<>();
    private final Map<String, SlotType> slotTypes = new LinkedHashMap<>();
    private final Map<String, Predicate<Map<String, Object>>> sensible = new HashMap<>();

    /**
     * Only slots that make sense together make a match of {@code intent}: "what is the day to day" is no conversion
     * from days to days (it was "what is the date today", misheard), so another reading may have it.
     */
    public Builder sensibleWhen(String intent, Predicate<Map<String, Object>> slots) {
      sensible.merge(intent, slots, Predicate::and);
      return this;
    }

    public Builder slotType(String name, SlotType type) {
      if (slotTypes.putIfAbsent(name, type) != null && slotTypes.get(name) != type) {
        throw new IllegalArgumentException("two slot types are named '" + name + "'");
      }
      return this;
    }

    /** Templates that each mean {@code intent}; parsed now (see {@link Template}). */
    public Builder sentences(String intent, String... templates) {
      for (String t : templates) sentences.add(new Sentence(intent, Template.parse(t)));
      return this;
    }

    /** How many templates are declared so far. */
    public int size() {
      return sentences.size();
    }

    /** The templates declared so far, in order. */
    public List<Sentence> declared() {
      return List.copyOf(sentences);
    }

    public IntentMatcher build() {
      for (Sentence s : sentences) {
        for (Template.SlotRef slot : s.template().slots()) {
          if (!slotTypes.containsKey(slot.type())) {
            throw new IllegalArgumentException("template \"" + s.template() + "\" uses the slot type '" + slot.type()
                + "', which no skill declares; known: " + slotTypes.keySet());
          }
        }
      }
      slotTypes.forEach((name, type) -> {
        for (String phrase : type.phrases()) {
          for (Template.SlotRef slot : Template.parse(phrase).slots()) {
            if (!slotTypes.containsKey(slot.type())) {
              throw new IllegalArgumentException("slot type '" + name + "' has the phrase \"" + phrase
                  + "\", which uses the slot type '" + slot.type() + "' that no skill declares");
            }
          }
        }
      });
      return new IntentMatcher(sentences, slotTypes, sensible);
    }
  }

  /** What is left to match, innermost first: a persistent list, so alternatives share their tails. */
  private record Todo(Template.Node node, Todo next) {}

  /** One template tried against the words: a depth-first search for the cheapest way to account for all of them. */
  private final class Walk {
    private final List<String> words;
    private final Predicate<Map<String, Object>> sensible;
    private int steps;
    double bestCost = Double.MAX_VALUE;
    Map<String, Object> bestSlots;

    Walk(List<String> words, Predicate<Map<String, Object>> sensible) {
      this.words = words;
      this.sensible = sensible;
    }

    void step(Todo todo, int at, Map<String, Object> slots, double cost) {
      if (++steps > MAX_STEPS || cost >= bestCost) return;
      if (at < words.size() && FILLERS.contains(words.get(at))) step(todo, at + 1, slots, cost + FILLER_COST);
      if (todo == null) {
        if (at == words.size() && sensible.test(slots)) {
          bestCost = cost;
          bestSlots = slots;
        }
        return;
      }
      Template.Node node = todo.node();
      if (node instanceof Template.Word w) {
        if (at >= words.size()) return;
        double c = wordCost(w.text(), words.get(at));
        if (c >= 0) step(todo.next(), at + 1, slots, cost + c);
      } else if (node instanceof Template.Sequence s) {
        Todo rest = todo.next();
        for (int i = s.parts().size() - 1; i >= 0; i--) rest = new Todo(s.parts().get(i), rest);
        step(rest, at, slots, cost);
      } else if (node instanceof Template.Choice c) {
        for (Template.Node alt : c.alternatives()) step(new Todo(alt, todo.next()), at, slots, cost);
        if (c.optional()) step(todo.next(), at, slots, cost);
      } else if (node instanceof Template.SlotRef ref && at < words.size()) {
        for (SlotType.Reading r : slotTypes.get(ref.type()).read(words, at)) {
          if (at + r.words() > words.size()) continue;
          Map<String, Object> filled = new HashMap<>(slots);
          filled.put(ref.name(), r.value());
          step(todo.next(), at + r.words(), filled, cost + r.doubt());
        }
      }
    }
  }

  /**
   * 0 when {@code said} is {@code word}, {@link #PLURAL_COST} for its plural or singular, {@link #HEARD_AS_COST} for a
   * word it is often heard as, else -1.
   */
  static double wordCost(String word, String said) {
    if (said.equals(word)) return 0;
    if (HEARD_AS.getOrDefault(word, Set.of()).contains(said)) return HEARD_AS_COST;
    if (said.equals(word + "s") || word.equals(said + "s") || said.equals(word + "es") || word.equals(said + "es")) {
      return PLURAL_COST;
    }
    return -1;
  }
}
