package dev.hearth.brain.skills;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a spoken length of time from normalised tokens: "five minutes", "one hour and thirty minutes",
 * "an hour", "half an hour", "a minute and a half", "two and a half minutes", "a quarter of an hour",
 * "two minutes thirty". Singular units are accepted too, so "five minute" (as in "a five minute timer") works.
 */
final class DurationWords {

  /** A length of time found in a token list, in milliseconds, and how many tokens it spans. */
  record Match(long millis, int tokens) {}

  private static final Map<String, Integer> UNIT_SECONDS = Map.ofEntries(
      Map.entry("hour", 3600), Map.entry("hours", 3600), Map.entry("hr", 3600), Map.entry("hrs", 3600),
      Map.entry("h", 3600), Map.entry("minute", 60), Map.entry("minutes", 60), Map.entry("min", 60),
      Map.entry("mins", 60), Map.entry("m", 60), Map.entry("second", 1), Map.entry("seconds", 1),
      Map.entry("sec", 1), Map.entry("secs", 1), Map.entry("s", 1));

  /** One "number unit" part of a duration. */
  private record Part(double seconds, int unitSeconds, int end) {}

  private DurationWords() {}

  /** Reads a duration starting at {@code start}; empty when none starts there. */
  static Optional<Match> parse(List<String> tokens, int start) {
    Part part = part(tokens, start);
    if (part == null) return Optional.empty();
    double seconds = part.seconds();
    int end = part.end();
    int lastUnit = part.unitSeconds();
    while (end < tokens.size()) {
      int next = "and".equals(tokens.get(end)) ? end + 1 : end;
      Part more = part(tokens, next);
      if (more != null) {
        seconds += more.seconds();
        end = more.end();
        lastUnit = more.unitSeconds();
        continue;
      }
      // "one hour and thirty", "two minutes thirty": a bare number counts in the next smaller unit
      Optional<NumberWords.Match> bare = NumberWords.parse(tokens, next);
      if (lastUnit > 1 && bare.isPresent() && isWholeBelowSixty(bare.get().value())) {
        int after = next + bare.get().tokens();
        if (after >= tokens.size() || !UNIT_SECONDS.containsKey(tokens.get(after))) {
          seconds += bare.get().value() * (lastUnit / 60);
          end = after;
        }
      }
      break;
    }
    return Optional.of(new Match(Math.round(seconds * 1000), end - start));
  }

  /** True for hour, minutes, sec and the other unit words this class reads. */
  static boolean isUnit(String token) {
    return UNIT_SECONDS.containsKey(token);
  }

  private static Part part(List<String> tokens, int i) {
    String first = at(tokens, i);
    if (first == null) return null;

    if (first.equals("half")) { // "half an hour", "half a minute", "half hour"
      int j = isArticle(at(tokens, i + 1)) ? i + 2 : i + 1;
      Integer unit = unitAt(tokens, j);
      return unit == null ? null : withHalf(tokens, 0.5 * unit, unit, j + 1);
    }
    Part quarter = quarter(tokens, i);
    if (quarter != null) return quarter;

    if (isArticle(first)) { // "an hour", "a minute and a half"
      Integer unit = unitAt(tokens, i + 1);
      if (unit != null) return withHalf(tokens, unit, unit, i + 2);
    }
    Optional<NumberWords.Match> number = NumberWords.parse(tokens, i);
    if (number.isEmpty()) return null;
    int j = i + number.get().tokens();
    Integer unit = unitAt(tokens, j);
    if (unit == null) return null;
    return withHalf(tokens, number.get().value() * unit, unit, j + 1);
  }

  /** "a quarter of an hour", "three quarters of an hour", "quarter hour". */
  private static Part quarter(List<String> tokens, int i) {
    int count = 1;
    int j = i;
    String first = at(tokens, j);
    if (isArticle(first) || "one".equals(first)) {
      j++;
    } else if ("two".equals(first) || "three".equals(first)) {
      count = first.equals("two") ? 2 : 3;
      j++;
    }
    String word = at(tokens, j);
    if (!("quarter".equals(word) || (count > 1 && "quarters".equals(word)))) return null;
    j++;
    if ("of".equals(at(tokens, j))) j++;
    if (isArticle(at(tokens, j))) j++;
    Integer unit = unitAt(tokens, j);
    return unit == null ? null : new Part(count * 0.25 * unit, unit, j + 1);
  }

  /** Adds a trailing "and a half" ("a minute and a half") to a part that ends before {@code end}. */
  private static Part withHalf(List<String> tokens, double seconds, int unit, int end) {
    if ("and".equals(at(tokens, end)) && "a".equals(at(tokens, end + 1)) && "half".equals(at(tokens, end + 2))) {
      return new Part(seconds + 0.5 * unit, unit, end + 3);
    }
    return new Part(seconds, unit, end);
  }

  private static boolean isWholeBelowSixty(double value) {
    return value > 0 && value < 60 && value == Math.rint(value);
  }

  private static Integer unitAt(List<String> tokens, int i) {
    String token = at(tokens, i);
    return token == null ? null : UNIT_SECONDS.get(token);
  }

  private static boolean isArticle(String token) {
    return "a".equals(token) || "an".equals(token);
  }

  private static String at(List<String> tokens, int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
  }
}
