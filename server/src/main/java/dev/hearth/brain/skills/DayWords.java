package dev.hearth.brain.skills;

import dev.hearth.brain.intent.Template;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Days as people name them, each resolved against today: "tomorrow", "the day after tomorrow", "in three days",
 * "next friday", "christmas", "december twenty fifth". Named dates and holidays mean their next occurrence, today
 * included; "next friday" is the first Friday after today and "last friday" the last one before it.
 */
final class DayWords {
  private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
      "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
      "seventeenth", "eighteenth", "nineteenth", "twentieth"};
  private static final int MAX_DAYS = 60;

  private DayWords() {}

  /**
   * A day relative to today. {@code key} names it as the command corpus writes it ("tomorrow", "+3", "next friday",
   * "christmas", "12-25"); {@code name} is how an answer says it ("Christmas"), null where the date itself is said.
   */
  record Day(String key, String name, UnaryOperator<LocalDate> resolve) {
    LocalDate on(LocalDate today) {
      return resolve.apply(today);
    }

    /** As the command corpus writes it: the key with underscores for spaces ("next_friday"). */
    @Override
    public String toString() {
      return key.replace(' ', '_');
    }
  }

  /** Today, tomorrow and yesterday, and their possessives: the days "what is {day}" may ask about. */
  static Map<String, Day> nearDays() {
    Map<String, Day> days = new LinkedHashMap<>();
    for (String suffix : List.of("", "s")) {
      days.put("today" + suffix, offset("today", 0));
      days.put("tomorrow" + suffix, offset("tomorrow", 1));
      days.put("yesterday" + suffix, offset("yesterday", -1));
    }
    days.put("tonight", offset("today", 0));
    return days;
  }

  /** Every day phrase this class knows, each with its day. */
  static Map<String, Day> allDays() {
    Map<String, Day> days = nearDays();
    days.put("the day after tomorrow", offset("+2", 2));
    days.put("the day before yesterday", offset("-2", -2));
    for (int n = 1; n <= MAX_DAYS; n++) {
      String count = n == 1 ? "one day" : NumberWords.spell(n) + " days";
      days.put("in " + count, offset("+" + n, n));
      days.put(count + " from (now|today)", offset("+" + n, n));
      days.put(count + " ago", offset("-" + n, -n));
    }
    for (int n = 1; n <= 8; n++) {
      String count = n == 1 ? "a week" : NumberWords.spell(n) + " weeks";
      days.put("in " + count, offset("+" + 7 * n, 7 * n));
      days.put(count + " from (now|today)", offset("+" + 7 * n, 7 * n));
      days.put(count + " ago", offset("-" + 7 * n, -7 * n));
    }
    days.put("next week", offset("+7", 7));
    days.put("in a day", offset("tomorrow", 1));
    for (DayOfWeek weekday : DayOfWeek.values()) weekdays(days, weekday);
    holidays(days);
    for (Month month : Month.values()) monthDays(days, month);
    return expand(days);
  }

  /**
   * What a restricted recognizer may hear for a day, as templates: every kind of day phrase {@link #allDays()} reads,
   * with the numbers and dates people most often say.
   */
  static List<String> phrases() {
    String weekday = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    String month = "(" + String.join("|", Arrays.stream(Month.values()).map(m -> m.name().toLowerCase(Locale.ROOT))
        .toList()) + ")";
    List<String> ordinals = new ArrayList<>();
    for (int d = 1; d <= 31; d++) ordinals.add(ordinal(d));
    String ordinal = "(" + String.join("|", ordinals) + ")";
    return List.of("(today|tomorrow|yesterday|tonight)", "the day (after tomorrow|before yesterday)",
        "in {number} (days|weeks)", "{number} (days|weeks) (ago|from now|from today)", "in a (day|week)", "next week",
        "[this|next|last|on|this coming] " + weekday,
        "(christmas [day|eve]|new years [day|eve]|halloween|valentines day|thanksgiving|easter|independence day"
            + "|the fourth of july|mothers day|fathers day|saint patricks day|labor day|memorial day)",
        month + " [the] " + ordinal, "the " + ordinal + " of " + month);
  }

  private static void weekdays(Map<String, Day> days, DayOfWeek weekday) {
    String word = weekday.name().toLowerCase(Locale.ROOT);
    String name = capitalized(word);
    Day coming = new Day(word, name, today -> today.with(TemporalAdjusters.nextOrSame(weekday)));
    days.put("[this|on|this coming|coming] " + word, coming);
    days.put("next " + word, new Day("next " + word, "next " + name,
        today -> today.with(TemporalAdjusters.next(weekday))));
    days.put("last " + word, new Day("last " + word, "last " + name,
        today -> today.with(TemporalAdjusters.previous(weekday))));
  }

  private static void holidays(Map<String, Day> days) {
    fixed(days, "christmas [day]", "christmas", "Christmas", 12, 25);
    fixed(days, "christmas eve", "christmas eve", "Christmas Eve", 12, 24);
    fixed(days, "new years [day]", "new years day", "New Year's Day", 1, 1);
    fixed(days, "new years eve", "new years eve", "New Year's Eve", 12, 31);
    fixed(days, "halloween", "halloween", "Halloween", 10, 31);
    fixed(days, "valentines [day]", "valentines day", "Valentine's Day", 2, 14);
    fixed(days, "(saint|st) patricks day", "st patricks day", "Saint Patrick's Day", 3, 17);
    fixed(days, "(independence day|the fourth of july)", "independence day", "Independence Day", 7, 4);
    yearly(days, "thanksgiving [day]", "thanksgiving", "Thanksgiving",
        year -> nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));
    yearly(days, "mothers day", "mothers day", "Mother's Day", year -> nth(year, Month.MAY, DayOfWeek.SUNDAY, 2));
    yearly(days, "fathers day", "fathers day", "Father's Day", year -> nth(year, Month.JUNE, DayOfWeek.SUNDAY, 3));
    yearly(days, "labor day", "labor day", "Labor Day", year -> nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
    yearly(days, "memorial day", "memorial day", "Memorial Day",
        year -> LocalDate.of(year, 5, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    yearly(days, "easter [sunday]", "easter", "Easter", DayWords::easter);
  }

  private static void monthDays(Map<String, Day> days, Month month) {
    String word = month.name().toLowerCase(Locale.ROOT);
    for (int d = 1; d <= month.maxLength(); d++) {
      MonthDay date = MonthDay.of(month, d);
      String key = String.format("%02d-%02d", month.getValue(), d);
      Day day = new Day(key, null, today -> next(today, date));
      String ordinal = ordinal(d);
      days.put(word + " [the] " + ordinal, day);
      days.put("the " + ordinal + " of " + word, day);
      days.put(word + " [the] " + d + " [st|nd|rd|th]", day);
      days.put("the " + d + " [st|nd|rd|th] of " + word, day);
    }
  }

  private static void fixed(Map<String, Day> days, String phrase, String key, String name, int month, int day) {
    MonthDay date = MonthDay.of(month, day);
    days.put(phrase, new Day(key, name, today -> next(today, date)));
  }

  private static void yearly(Map<String, Day> days, String phrase, String key, String name,
      java.util.function.IntFunction<LocalDate> inYear) {
    days.put(phrase, new Day(key, name, today -> {
      LocalDate date = inYear.apply(today.getYear());
      return date.isBefore(today) ? inYear.apply(today.getYear() + 1) : date;
    }));
  }

  private static LocalDate next(LocalDate today, MonthDay date) {
    for (int year = today.getYear(); ; year++) {
      if (!date.isValidYear(year)) continue; // February 29 waits for a leap year
      LocalDate candidate = date.atYear(year);
      if (!candidate.isBefore(today)) return candidate;
    }
  }

  private static LocalDate nth(int year, Month month, DayOfWeek weekday, int n) {
    return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
  }

  /** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm). */
  static LocalDate easter(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }

  /** "first" … "twentieth", "twenty first" … "thirty first". */
  static String ordinal(int n) {
    if (n <= 20) return ORDINALS[n - 1];
    if (n % 10 == 0) return NumberWords.spell(n).replace("ty", "tieth");
    return NumberWords.spell(n - n % 10) + " " + ORDINALS[n % 10 - 1];
  }

  private static Day offset(String key, int days) {
    return new Day(key, null, today -> today.plusDays(days));
  }

  /** Spells out each phrase's {@code (a|b)} and {@code [a]}: the map's keys become plain word sequences. */
  private static Map<String, Day> expand(Map<String, Day> days) {
    Map<String, Day> plain = new LinkedHashMap<>();
    days.forEach((phrase, day) -> {
      for (String words : Template.parse(phrase).spellings()) plain.putIfAbsent(words, day);
    });
    return plain;
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
