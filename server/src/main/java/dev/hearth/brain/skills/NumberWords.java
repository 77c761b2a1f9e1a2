package dev.hearth.brain.skills;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads a number from normalised, lowercase tokens: spoken words as Vosk writes them ("two hundred and five",
 * "two point five", "one and a half", "a thousand") or digits as typed ("12", "2.5", "1,000").
 *
 * <p>Matching is strict so that a number never swallows words that belong to the sentence: "five six" is just
 * 5, "nineteen ninety" is just 19, and "and" is only taken when a number or "a half" follows it.
 */
public final class NumberWords {

  /** A number found in a token list: its value and how many tokens it spans. */
  public record Match(double value, int tokens) {}

  private static final Map<String, Integer> SMALL = Map.ofEntries(
      Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
      Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
      Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
      Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
      Map.entry("eighteen", 18), Map.entry("nineteen", 19));
  private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
      "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);
  private static final Map<String, Long> SCALES = Map.of("thousand", 1_000L, "million", 1_000_000L,
      "billion", 1_000_000_000L);
  private static final Pattern DIGITS = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d+(\\.\\d+)?");
  private static final Pattern DIGIT_RUN = Pattern.compile("\\d+");

  /** What the previous word of a spoken number was; decides which words may follow. */
  private enum Last { NONE, UNIT, TEEN, TENS, HUNDRED, SCALE, AND, ZERO }

  private NumberWords() {}

  /** Reads an unsigned number starting at {@code start}; empty when no number starts there. */
  public static Optional<Match> parse(List<String> tokens, int start) {
    if (start < 0 || start >= tokens.size()) return Optional.empty();
    String first = tokens.get(start);
    if (DIGITS.matcher(first).matches()) return digits(tokens, start);
    if (first.equals("point")) {
      int[] end = {start};
      OptionalDouble fraction = fraction(tokens, end);
      return fraction.isPresent() ? Optional.of(new Match(fraction.getAsDouble(), end[0] - start)) : Optional.empty();
    }
    if (first.equals("half")) return Optional.of(new Match(0.5, 1));
    if (isArticle(first) && "half".equals(at(tokens, start + 1))) return Optional.of(new Match(0.5, 2));
    return words(tokens, start);
  }

  /** Like {@link #parse} but also accepts a leading "minus" or "negative". */
  public static Optional<Match> parseSigned(List<String> tokens, int start) {
    String first = at(tokens, start);
    if ("minus".equals(first) || "negative".equals(first)) {
      return parse(tokens, start + 1).map(m -> new Match(-m.value(), m.tokens() + 1));
    }
    return parse(tokens, start);
  }

  /** The value of {@code text} when all of it is one number ("twenty one", "2.5"); empty otherwise. */
  public static OptionalDouble parseAll(String text) {
    List<String> tokens = Arrays.asList(text.trim().split("\\s+"));
    Optional<Match> match = parseSigned(tokens, 0);
    if (match.isEmpty() || match.get().tokens() != tokens.size()) return OptionalDouble.empty();
    return OptionalDouble.of(match.get().value());
  }

  /** A whole number from 0 to 999 as Vosk writes it: "forty two", "one hundred and five". */
  static String spell(int n) {
    if (n < 0 || n > 999) throw new IllegalArgumentException("spells 0 to 999, not " + n);
    if (n >= 100) {
      String hundreds = spell(n / 100) + " hundred";
      return n % 100 == 0 ? hundreds : hundreds + " and " + spell(n % 100);
    }
    if (n < 20) return name(SMALL, n);
    String tens = name(TENS, n - n % 10);
    return n % 10 == 0 ? tens : tens + " " + name(SMALL, n % 10);
  }

  private static String name(Map<String, Integer> names, int value) {
    return names.entrySet().stream().filter(e -> e.getValue() == value).findFirst().orElseThrow().getKey();
  }

  /** True for words that can be part of a spoken number ("seven", "hundred", "point"), or digits. */
  public static boolean isNumberWord(String token) {
    return SMALL.containsKey(token) || TENS.containsKey(token) || SCALES.containsKey(token)
        || token.equals("hundred") || token.equals("point") || token.equals("half") || DIGITS.matcher(token).matches();
  }

  private static Optional<Match> digits(List<String> tokens, int start) {
    double value = new BigDecimal(tokens.get(start).replace(",", "")).doubleValue();
    int end = start + 1;
    String next = at(tokens, end);
    if ("hundred".equals(next)) {
      value *= 100;
      end++;
    } else if (next != null && SCALES.containsKey(next)) {
      value *= SCALES.get(next);
      end++;
    }
    int half = andAHalf(tokens, end);
    if (half > 0) {
      value += 0.5;
      end += half;
    }
    return Optional.of(new Match(value, end - start));
  }

  private static Optional<Match> words(List<String> tokens, int start) {
    long total = 0;
    long hundreds = 0;
    int below = 0;
    long lastScale = Long.MAX_VALUE;
    Last last = Last.NONE;
    int end = start;
    for (int i = start; i < tokens.size(); i++) {
      String t = tokens.get(i);
      Integer small = SMALL.get(t);
      Integer tens = TENS.get(t);
      Long scale = SCALES.get(t);
      boolean startOfGroup = last == Last.NONE || last == Last.HUNDRED || last == Last.SCALE || last == Last.AND;
      if (last == Last.NONE && isArticle(t) && isMultiplier(at(tokens, i + 1))) {
        below = 1;
        last = Last.UNIT;
      } else if (small != null && small == 0) {
        if (last != Last.NONE) break;
        last = Last.ZERO;
      } else if (small != null && small < 10) {
        if (!startOfGroup && last != Last.TENS) break;
        below += small;
        last = Last.UNIT;
      } else if (small != null) {
        if (!startOfGroup) break;
        below = small;
        last = Last.TEEN;
      } else if (tens != null) {
        if (!startOfGroup) break;
        below = tens;
        last = Last.TENS;
      } else if (t.equals("hundred")) {
        if (!(last == Last.UNIT || last == Last.TEEN || last == Last.TENS) || hundreds > 0) break;
        hundreds = below * 100L;
        below = 0;
        last = Last.HUNDRED;
      } else if (scale != null) {
        boolean afterNumber = last == Last.UNIT || last == Last.TEEN || last == Last.TENS || last == Last.HUNDRED;
        if (!afterNumber || scale >= lastScale) break;
        total += (hundreds + below) * scale;
        hundreds = 0;
        below = 0;
        lastScale = scale;
        last = Last.SCALE;
      } else if (t.equals("and") && (last == Last.HUNDRED || last == Last.SCALE) && startsGroup(at(tokens, i + 1))) {
        last = Last.AND;
        continue; // provisional: only counted once the following number word is taken
      } else {
        break;
      }
      end = i + 1;
    }
    if (end == start) return Optional.empty();
    double value = total + hundreds + below;

    int[] cursor = {end};
    OptionalDouble fraction = fraction(tokens, cursor);
    if (fraction.isPresent()) {
      value += fraction.getAsDouble();
      end = cursor[0];
      String next = at(tokens, end);
      if (total == 0 && next != null && SCALES.containsKey(next)) {
        value *= SCALES.get(next);
        end++;
      }
    } else {
      int half = andAHalf(tokens, end);
      if (half > 0 && last != Last.ZERO) {
        value += 0.5;
        end += half;
      }
    }
    return Optional.of(new Match(value, end - start));
  }

  /** Reads "point five", "point one four" or "point 5" at cursor[0]; moves the cursor past it when found. */
  private static OptionalDouble fraction(List<String> tokens, int[] cursor) {
    int i = cursor[0];
    if (!"point".equals(at(tokens, i))) return OptionalDouble.empty();
    StringBuilder digits = new StringBuilder();
    int j = i + 1;
    while (j < tokens.size()) {
      String t = tokens.get(j);
      Integer small = SMALL.get(t);
      if (small != null && small < 10) {
        digits.append(small);
      } else if (t.equals("oh")) {
        digits.append('0');
      } else if (DIGIT_RUN.matcher(t).matches()) {
        digits.append(t);
      } else {
        break;
      }
      j++;
    }
    if (digits.length() == 0) return OptionalDouble.empty();
    cursor[0] = j;
    return OptionalDouble.of(Double.parseDouble("0." + digits));
  }

  /** The number of tokens in "and a half" or "and half" at {@code i}, or 0. */
  private static int andAHalf(List<String> tokens, int i) {
    if (!"and".equals(at(tokens, i))) return 0;
    if ("half".equals(at(tokens, i + 1))) return 2;
    if ("a".equals(at(tokens, i + 1)) && "half".equals(at(tokens, i + 2))) return 3;
    return 0;
  }

  private static boolean startsGroup(String token) {
    if (token == null) return false;
    Integer small = SMALL.get(token);
    return (small != null && small > 0) || TENS.containsKey(token);
  }

  private static boolean isMultiplier(String token) {
    return token != null && (token.equals("hundred") || SCALES.containsKey(token));
  }

  private static boolean isArticle(String token) {
    return token.equals("a") || token.equals("an");
  }

  private static String at(List<String> tokens, int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
  }
}
