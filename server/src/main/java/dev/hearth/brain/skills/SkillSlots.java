package dev.hearth.brain.skills;

import dev.hearth.brain.intent.IntentMatcher;
import dev.hearth.brain.intent.SlotType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** The slot types the skills' templates share: numbers, lengths of time, units, and closed lists of words. */
final class SkillSlots {
  private SkillSlots() {}

  /** A parser that reads the longest value starting at an index of a word list; empty when none starts there. */
  @FunctionalInterface
  interface Greedy {
    Optional<SlotType.Reading> longest(List<String> words, int start);
  }

  /**
   * A slot type from a greedy parser: every length it can read, the longest first (a shorter one lets the template
   * go on: "{number} {unit}" when the number could swallow a word of the unit).
   */
  static SlotType greedy(Greedy parser, List<String> phrases) {
    List<String> examples = List.copyOf(phrases);
    return new SlotType() {
      @Override
      public List<Reading> read(List<String> words, int start) {
        List<Reading> readings = new ArrayList<>();
        int end = words.size();
        while (end > start) {
          Optional<Reading> r = parser.longest(words.subList(0, end), start);
          if (r.isEmpty()) break;
          readings.add(r.get());
          end = start + r.get().words() - 1;
        }
        return readings;
      }

      @Override
      public List<String> phrases() {
        return examples;
      }
    };
  }

  /**
   * Words the small speech model writes for time words in a length of time ("set a timer for half another"),
   * measured with {@code hearth bench --commands}, and the words they stand for.
   */
  static final Map<String, List<String>> TIME_HEARD_AS = Map.of("another", List.of("an", "hour"),
      "other", List.of("hour"), "others", List.of("hours"));
  /** The same for a unit, which stands without its article ("how many minutes in another": in an hour). */
  private static final Map<String, List<String>> UNIT_HEARD_AS = TIME_HEARD_AS.entrySet().stream()
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
          e -> e.getValue().get(0).equals("an") ? e.getValue().subList(1, e.getValue().size()) : e.getValue()));

  /**
   * {@code parser}, and where a word from {@code start} on is one the model writes for others ({@code heardAs}), the
   * parser again on the words it stands for, at a doubt of {@link IntentMatcher#HEARD_AS_COST} (what a word heard as another costs in the matcher); the longer
   * reading wins.
   */
  static Greedy heardAs(Greedy parser, Map<String, List<String>> heardAs) {
    return (words, start) -> {
      Optional<SlotType.Reading> plain = parser.longest(words, start);
      List<String> meant = new ArrayList<>(words.subList(0, start));
      List<Integer> endsAt = new ArrayList<>(); // for each word from start: where its meaning ends in meant
      boolean any = false;
      for (String w : words.subList(start, words.size())) {
        List<String> instead = heardAs.get(w);
        any |= instead != null;
        meant.addAll(instead != null ? instead : List.of(w));
        endsAt.add(meant.size());
      }
      if (!any) return plain;
      Optional<SlotType.Reading> read = parser.longest(meant, start);
      if (read.isEmpty()) return plain;
      int spoken = endsAt.indexOf(start + read.get().words()) + 1; // 0 when it ends inside a word's meaning
      if (spoken == 0 || plain.isPresent() && plain.get().words() >= spoken) return plain;
      return Optional.of(new SlotType.Reading(read.get().value(), spoken, read.get().doubt() + IntentMatcher.HEARD_AS_COST));
    };
  }

  /** A closed list: each phrase (one or more words) and the value it stands for. */
  static SlotType list(Map<String, ?> values) {
    Map<String, Object> byPhrase = new LinkedHashMap<>(values);
    int longest = byPhrase.keySet().stream().mapToInt(p -> p.split(" ").length).max().orElse(1);
    return new SlotType() {
      @Override
      public List<Reading> read(List<String> words, int start) {
        List<Reading> readings = new ArrayList<>();
        for (int n = Math.min(longest, words.size() - start); n >= 1; n--) {
          Object value = byPhrase.get(String.join(" ", words.subList(start, start + n)));
          if (value != null) readings.add(Reading.exact(value, n));
        }
        return readings;
      }

      @Override
      public List<String> phrases() {
        return List.copyOf(byPhrase.keySet());
      }
    };
  }

  /** Numbers, spoken or in digits: "twenty one", "2.5", "a half". */
  static final SlotType NUMBER = greedy((words, start) -> NumberWords.parse(words, start)
      .map(m -> SlotType.Reading.exact(m.value(), m.tokens())), numberPhrases());

  /** Lengths of time in ms: "five minutes", "an hour and a half", "ninety seconds". */
  static final SlotType DURATION = greedy(heardAs((words, start) -> DurationWords.parse(words, start)
      .map(m -> SlotType.Reading.exact(m.millis(), m.tokens())), TIME_HEARD_AS), durationPhrases());

  /** A unit of measure ({@link Unit}): "miles", "degrees fahrenheit", "cups". */
  static final SlotType UNIT = greedy(heardAs((words, start) -> Unit.find(words, start)
      .map(f -> SlotType.Reading.exact(f.unit(), f.tokens())), UNIT_HEARD_AS), Unit.names());

  /** Days people name, resolved against today ({@link DayWords}): "tomorrow", "next friday", "christmas". */
  static final SlotType DAY = of(list(DayWords.allDays())::read, DayWords.phrases());

  /** Clock times ({@link ClockWords}): "seven thirty", "6 am", "quarter to eight", "noon". */
  static final SlotType CLOCK_TIME = greedy((words, start) -> ClockWords.parse(words, start)
      .map(m -> SlotType.Reading.exact(m.time(), m.words())), ClockWords.phrases());

  /** A slot type reading values that {@code read} finds, given the phrases a restricted recognizer may hear. */
  static SlotType of(BiFunction<List<String>, Integer, List<SlotType.Reading>> read, List<String> phrases) {
    List<String> examples = List.copyOf(phrases);
    return new SlotType() {
      @Override
      public List<Reading> read(List<String> words, int start) {
        return read.apply(words, start);
      }

      @Override
      public List<String> phrases() {
        return examples;
      }
    };
  }

  private static List<String> numberPhrases() {
    List<String> out = new ArrayList<>();
    for (int n = 0; n <= 100; n++) out.add(NumberWords.spell(n));
    out.addAll(List.of("a hundred", "one hundred and fifty", "two hundred", "five hundred", "a thousand",
        "one thousand", "a half", "one and a half", "two and a half", "zero point five", "one point five"));
    return out;
  }

  private static List<String> durationPhrases() {
    List<String> out = new ArrayList<>();
    for (int n = 1; n <= 60; n++) {
      String spoken = NumberWords.spell(n);
      for (String unit : List.of("second", "minute", "hour")) out.add(spoken + " " + unit + (n == 1 ? "" : "s"));
      out.add(spoken + " minute"); // "a five minute timer": the singular after a number
    }
    out.addAll(List.of("an hour", "a minute", "half an hour", "a minute and a half", "an hour and a half",
        "two and a half minutes", "one and a half hours", "a quarter of an hour", "one hour and thirty minutes"));
    return out;
  }
}
