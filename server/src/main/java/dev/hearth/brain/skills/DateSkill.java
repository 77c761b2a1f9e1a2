package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Says the date, the month or the year, and how far away a day is, for today or any day {@link DayWords} can name:
 * "what's the date" → "Today is Saturday, November 21, 2026."; "what day is christmas" → "Christmas is Friday,
 * December 25, 2026."; "how many days until christmas" → "Christmas is on Friday, December 25, 2026, 34 days from
 * today." Asking the day and asking the date are one intent with one answer, the weekday and the date: the small
 * speech model often hears "date" as "day" (and the reverse), and whichever was meant, the answer holds it.
 */
final class DateSkill implements Skill {
  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);
  private static final DateTimeFormatter DAY_AND_MONTH = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
  private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.US);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM", Locale.US);
  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMMM d", Locale.US);
  private static final DayWords.Day TODAY = DayWords.nearDays().get("today");

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.slotType("number", SkillSlots.NUMBER).slotType("near_day", SkillSlots.list(DayWords.nearDays()))
        .slotType("day", SkillSlots.DAY);
    sentences.sentences("date.day",
        "(what is|what was|tell me) {day:near_day} date",
        "(what is|what was|what will be|tell me|do you know|give me) the [current] date [{day}]",
        "what date (is it|is|was it|was|will it be) [{day}]",
        "[todays|current] date [today]",
        "what (is|was) {day:near_day}",
        "(what|which) day [of the week] (is it|is|was it|was|will it be) [{day}]",
        "what (is|was) the day [of the week] [{day}]",
        "(what|which) day [of the week] (is|was|does|will) {day} [be] [fall] [on]",
        "(on|in) what day [of the week] (is|was|does|will) {day} [be] [fall]");
    sentences.sentences("date.until",
        "how many (days|weeks) [are there|are left|is it|left] (until|till|to|before) {day}",
        "how (long|many days) is it (until|till|to|before) {day}",
        "how long (until|till|to|before) {day}",
        "when is {day} [this year]");
    sentences.sentences("date.month", "what month is it", "what is the month");
    sentences.sentences("date.year", "what year is it", "what is the year");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    LocalDate today = request.now().toLocalDate();
    DayWords.Day day = intent.slot("day", DayWords.Day.class).orElse(TODAY);
    LocalDate date = day.on(today);
    long away = ChronoUnit.DAYS.between(today, date);
    return Skill.say(switch (intent.name()) {
      case "date.day" -> subject(day, date, away) + (namesItsWeekday(day, date) ? date.format(DAY_AND_MONTH)
          : date.format(FULL)) + ".";
      case "date.until" -> until(day, date, away);
      case "date.month" -> "It's " + today.format(MONTH) + ".";
      default -> "It's " + today.getYear() + ".";
    });
  }

  /** "Today is ", "Tomorrow is ", "Christmas is ", "That was ". */
  private static String subject(DayWords.Day day, LocalDate date, long away) {
    String verb = away < 0 ? " was " : " is ";
    if (away == 0 && day.name() == null) return "Today is ";
    if (away == 1 && day.name() == null) return "Tomorrow is ";
    if (away == -1 && day.name() == null) return "Yesterday was ";
    return (day.name() != null ? capitalized(day.name()) : "That") + verb;
  }

  /** Whether the day's own name says its weekday ("next Friday"), so the answer need not say it again. */
  private static boolean namesItsWeekday(DayWords.Day day, LocalDate date) {
    return day.name() != null && day.name().toLowerCase(Locale.ROOT)
        .endsWith(date.format(WEEKDAY).toLowerCase(Locale.ROOT));
  }

  private static String until(DayWords.Day day, LocalDate date, long away) {
    String when = day.name() != null ? capitalized(day.name()) : date.format(MONTH_DAY);
    if (away == 0) return when + " is today, " + date.format(FULL) + ".";
    if (away == 1) return when + " is tomorrow, " + date.format(FULL) + ".";
    if (away == -1) return when + " was yesterday, " + date.format(FULL) + ".";
    if (away < 0) return when + " was on " + date.format(FULL) + ", " + -away + " days ago.";
    return when + " is on " + date.format(FULL) + ", " + away + " days from today.";
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
