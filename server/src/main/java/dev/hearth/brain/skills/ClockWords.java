package dev.hearth.brain.skills;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Clock times as people say them: "seven", "seven thirty", "seven oh five", "6 am", "half past six", "quarter to
 * eight", "ten past nine in the evening", "noon", "midnight", "18 30". Typed "6:30" arrives as "6 30" (see
 * {@link Utterance}).
 */
final class ClockWords {
  private ClockWords() {}

  private static final List<List<String>> MORNING = List.of(List.of("am"), List.of("a", "m"),
      List.of("in", "the", "morning"));
  private static final List<List<String>> AFTERNOON = List.of(List.of("pm"), List.of("p", "m"),
      List.of("in", "the", "afternoon"), List.of("in", "the", "evening"), List.of("at", "night"), List.of("tonight"));

  /**
   * A time of day. {@code hour} is 0–23 when {@code meridiemKnown} (said "am", "pm", "in the evening", "noon", or a
   * 24-hour time), else 1–12 as said.
   */
  record ClockTime(int hour, int minute, boolean meridiemKnown) {
    /** The next moment after {@code now} at this time, on {@code day} when given; {@code morning}: an unsaid am/pm is am. */
    ZonedDateTime next(ZonedDateTime now, LocalDate day, boolean morning) {
      List<LocalTime> candidates = new ArrayList<>();
      if (meridiemKnown) {
        candidates.add(LocalTime.of(hour, minute));
      } else {
        candidates.add(LocalTime.of(hour % 12, minute));
        if (!morning && day == null) candidates.add(LocalTime.of(hour % 12 + 12, minute));
      }
      ZonedDateTime best = null;
      for (LocalTime time : candidates) {
        ZonedDateTime at;
        if (day != null) {
          at = ZonedDateTime.of(day, time, now.getZone());
        } else {
          at = ZonedDateTime.of(now.toLocalDate(), time, now.getZone());
          if (!at.isAfter(now)) at = at.plusDays(1);
        }
        if (best == null || at.isBefore(best)) best = at;
      }
      return best;
    }

    /** As the command corpus writes it: "7:30", or "19:30" and "7:30am"-free 24-hour "07:30" once am/pm is known. */
    @Override
    public String toString() {
      return meridiemKnown ? String.format("%02d:%02d", hour, minute) : hour + ":" + String.format("%02d", minute);
    }
  }

  /** The longest clock time starting at {@code start}, and how many words it took. */
  static Optional<Match> parse(List<String> words, int start) {
    Optional<Match> base = bare(words, start);
    if (base.isEmpty()) return base;
    Match m = base.get();
    if (m.time().meridiemKnown()) return base;
    int at = start + m.words();
    for (List<String> suffix : MORNING) {
      if (startsWith(words, at, suffix)) return Optional.of(new Match(withMeridiem(m.time(), false), m.words() + suffix.size()));
    }
    for (List<String> suffix : AFTERNOON) {
      if (startsWith(words, at, suffix)) return Optional.of(new Match(withMeridiem(m.time(), true), m.words() + suffix.size()));
    }
    return base;
  }

  record Match(ClockTime time, int words) {}

  private static Optional<Match> bare(List<String> words, int start) {
    String first = at(words, start);
    if (first == null) return Optional.empty();
    if (first.equals("noon") || first.equals("midday")) return Optional.of(new Match(new ClockTime(12, 0, true), 1));
    if (first.equals("midnight")) return Optional.of(new Match(new ClockTime(0, 0, true), 1));
    if (first.equals("half") && "past".equals(at(words, start + 1))) {
      return hour(words, start + 2).map(h -> new Match(new ClockTime(h, 30, false), 3));
    }
    if (first.equals("quarter")) {
      String rel = at(words, start + 1);
      if ("past".equals(rel) || "after".equals(rel)) return hour(words, start + 2).map(h -> new Match(new ClockTime(h, 15, false), 3));
      if ("to".equals(rel) || "till".equals(rel) || "before".equals(rel)) {
        return hour(words, start + 2).map(h -> new Match(new ClockTime(h == 1 ? 12 : h - 1, 45, false), 3));
      }
      return Optional.empty();
    }
    Optional<Integer> hour = hour(words, start);
    Optional<Integer> h24 = hour.isPresent() ? hour : digits(first, 0, 23);
    if (h24.isEmpty()) return minutesPast(words, start);
    int h = h24.get();
    boolean known = h == 0 || h > 12;
    int next = start + 1;
    if ("oclock".equals(at(words, next))) return Optional.of(new Match(new ClockTime(h, 0, known), 2));
    if ("o".equals(at(words, next)) && "clock".equals(at(words, next + 1))) {
      return Optional.of(new Match(new ClockTime(h, 0, known), 3));
    }
    Optional<int[]> minute = minute(words, next);
    if (minute.isPresent()) return Optional.of(new Match(new ClockTime(h, minute.get()[0], known), 1 + minute.get()[1]));
    Optional<Match> past = minutesPast(words, start);
    return past.isPresent() ? past : Optional.of(new Match(new ClockTime(h, 0, known), 1));
  }

  /** "ten past nine", "twenty to eight", "five minutes past six". */
  private static Optional<Match> minutesPast(List<String> words, int start) {
    Optional<NumberWords.Match> n = NumberWords.parse(words, start);
    if (n.isEmpty() || n.get().value() < 1 || n.get().value() > 30 || n.get().value() % 1 != 0) return Optional.empty();
    int at = start + n.get().tokens();
    if ("minutes".equals(at(words, at)) || "minute".equals(at(words, at))) at++;
    String rel = at(words, at);
    int minutes = (int) n.get().value();
    int used = at + 2 - start;
    if ("past".equals(rel) || "after".equals(rel)) return hour(words, at + 1).map(h -> new Match(new ClockTime(h, minutes, false), used));
    if ("to".equals(rel) || "till".equals(rel) || "before".equals(rel)) {
      return hour(words, at + 1).map(h -> new Match(new ClockTime(h == 1 ? 12 : h - 1, 60 - minutes, false), used));
    }
    return Optional.empty();
  }

  /** Minutes after the hour: "thirty", "forty five", "oh five", "05"; {value, words}. */
  private static Optional<int[]> minute(List<String> words, int start) {
    String first = at(words, start);
    if (first == null) return Optional.empty();
    if (first.equals("oh") || first.equals("o")) {
      return oneWord(words, start + 1, 1, 9).map(n -> new int[] {n, 2});
    }
    Optional<Integer> typed = digits(first, 0, 59);
    if (typed.isPresent()) return first.length() == 2 ? Optional.of(new int[] {typed.get(), 1}) : Optional.empty();
    Optional<NumberWords.Match> n = NumberWords.parse(words, start);
    if (n.isEmpty() || n.get().tokens() > 2) return Optional.empty();
    double v = n.get().value();
    return v >= 10 && v <= 59 && v % 1 == 0 ? Optional.of(new int[] {(int) v, n.get().tokens()}) : Optional.empty();
  }

  private static Optional<Integer> hour(List<String> words, int start) {
    return oneWord(words, start, 1, 12);
  }

  /** The whole number from {@code min} to {@code max} that the one word at {@code start} says ("seven", "7"). */
  private static Optional<Integer> oneWord(List<String> words, int start, int min, int max) {
    if (start >= words.size()) return Optional.empty();
    return NumberWords.parse(words.subList(start, start + 1), 0).map(NumberWords.Match::value)
        .filter(v -> v % 1 == 0 && v >= min && v <= max).map(Double::intValue);
  }

  private static Optional<Integer> digits(String word, int min, int max) {
    if (word.isEmpty() || word.length() > 2 || !word.chars().allMatch(Character::isDigit)) return Optional.empty();
    int n = Integer.parseInt(word);
    return n >= min && n <= max ? Optional.of(n) : Optional.empty();
  }

  private static ClockTime withMeridiem(ClockTime t, boolean afternoon) {
    int h = t.hour() % 12 + (afternoon ? 12 : 0);
    return new ClockTime(h, t.minute(), true);
  }

  private static boolean startsWith(List<String> words, int at, List<String> prefix) {
    if (at + prefix.size() > words.size()) return false;
    return words.subList(at, at + prefix.size()).equals(prefix);
  }

  private static String at(List<String> words, int i) {
    return i < words.size() ? words.get(i) : null;
  }

  /** What a restricted recognizer may hear for a time, as templates. */
  static List<String> phrases() {
    String hour = "(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
    String minutes = "(oh five|ten|fifteen|twenty|twenty five|thirty|thirty five|forty|forty five|fifty|fifty five"
        + "|o clock)";
    String meridiem = "[am|pm|in the morning|in the afternoon|in the evening|at night]";
    return List.of(hour + " " + meridiem, hour + " " + minutes + " " + meridiem,
        "(half past|quarter past|quarter to|ten past|twenty past|ten to|twenty to) " + hour + " " + meridiem,
        "(noon|midnight)");
  }
}
