package dev.hearth.timer;

import dev.hearth.store.TimerInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * How timers are spoken about, shared by the timer skill and the timer service's announcements:
 * "5 minute timer", "pasta timer", "4 minutes 12 seconds", "Your 5 minute timer is done."
 */
public final class TimerPhrases {
  /** A timer that fires more than this late was missed while the server was off. */
  static final long LATE_MILLIS = 60_000;

  private static final String[] COUNTS = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight",
      "nine", "ten"};

  private TimerPhrases() {}

  /** The timer's short name: its label ("pasta timer") or else its length ("5 minute timer"). */
  public static String describe(TimerInfo timer) {
    if (timer.label() != null && !timer.label().isBlank()) {
      String label = timer.label().trim();
      return label.endsWith(" timer") || label.equals("timer") ? label : label + " timer";
    }
    return lengthAdjective(timer.durationMillis()) + " timer";
  }

  /** {@link #describe} with "a" or "an" in front: "a 5 minute timer", "an 8 minute timer", "an egg timer". */
  public static String withArticle(TimerInfo timer) {
    return withArticle(describe(timer));
  }

  /** "a" or "an" followed by {@code name}, chosen by how the name is spoken. */
  public static String withArticle(String name) {
    return (startsWithVowelSound(name) ? "an " : "a ") + name;
  }

  /**
   * What to say when the timer fires at {@code nowMillis} (epoch ms): "Your 5 minute timer is done.", or,
   * when it fired over a minute ago while the server was off, "Your 5 minute timer went off 3 minutes ago,
   * while I was offline."
   */
  public static String announcement(TimerInfo timer, long nowMillis) {
    long lateMillis = nowMillis - timer.dueAtMillis();
    if (lateMillis > LATE_MILLIS) {
      return "Your " + describe(timer) + " went off " + ago(lateMillis) + " ago, while I was offline.";
    }
    return "Your " + describe(timer) + " is done.";
  }

  /** A length of time to the second, as a noun: "10 minutes", "1 hour 30 minutes", "1 minute 30 seconds". */
  public static String duration(long millis) {
    long seconds = Math.round(millis / 1000.0);
    List<String> parts = new ArrayList<>();
    addPart(parts, seconds / 3600, "hour");
    addPart(parts, seconds % 3600 / 60, "minute");
    addPart(parts, seconds % 60, "second");
    return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
  }

  /** Time left on a timer, exact below 10 minutes and to the minute above: "4 minutes 12 seconds", "59 minutes". */
  public static String remaining(long millis) {
    if (millis <= 0) return "less than a second";
    long seconds = (millis + 999) / 1000;
    if (seconds < 600) return duration(seconds * 1000);
    return toTheMinute(seconds);
  }

  /** How long ago something happened, to the minute: "45 seconds", "3 minutes", "2 hours 5 minutes", "2 days". */
  static String ago(long millis) {
    long seconds = Math.max(0, millis / 1000);
    if (seconds < 60) return duration(seconds * 1000);
    if (seconds < 86_400) return toTheMinute(seconds);
    long days = Math.round(seconds / 86_400.0);
    return plural(days, "day");
  }

  /** The timer's length as an adjective: "5 minute", "90 second", "1 hour 30 minute", "2 and a half minute". */
  public static String lengthAdjective(long millis) {
    long seconds = Math.round(millis / 1000.0);
    if (seconds >= 3600 && seconds % 3600 == 0) return seconds / 3600 + " hour";
    if (seconds >= 60 && seconds < 3600 && seconds % 60 == 0) return seconds / 60 + " minute";
    if (seconds < 120) return seconds + " second";
    if (seconds < 3600 && seconds % 60 == 30) return seconds / 60 + " and a half minute";
    if (seconds % 3600 == 1800) return seconds / 3600 + " and a half hour";
    List<String> parts = new ArrayList<>();
    if (seconds >= 3600) parts.add(seconds / 3600 + " hour");
    if (seconds % 3600 >= 60) parts.add(seconds % 3600 / 60 + " minute");
    if (seconds % 60 > 0) parts.add(seconds % 60 + " second");
    return String.join(" ", parts);
  }

  /** "one", "two" … "ten", then digits; used for counts of timers. */
  public static String count(int n) {
    return n >= 0 && n < COUNTS.length ? COUNTS[n] : Integer.toString(n);
  }

  private static String toTheMinute(long seconds) {
    long minutes = Math.round(seconds / 60.0);
    List<String> parts = new ArrayList<>();
    addPart(parts, minutes / 60, "hour");
    addPart(parts, minutes % 60, "minute");
    return String.join(" ", parts);
  }

  private static void addPart(List<String> parts, long amount, String unit) {
    if (amount > 0) parts.add(plural(amount, unit));
  }

  private static String plural(long amount, String unit) {
    return amount + " " + unit + (amount == 1 ? "" : "s");
  }

  /** True when the name is spoken starting with a vowel: "8 minute", "11 second", "18 minute", "egg". */
  private static boolean startsWithVowelSound(String name) {
    char first = name.charAt(0);
    if (Character.isDigit(first)) {
      String number = name.split(" ", 2)[0];
      return number.startsWith("8") || number.equals("11") || number.equals("18")
          || number.startsWith("11") && number.length() == 5 || number.startsWith("18") && number.length() == 5;
    }
    return "aeiou".indexOf(first) >= 0;
  }
}
