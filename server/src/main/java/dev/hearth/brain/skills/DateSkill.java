package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Says the date, the day of the week, the month or the year of the request's local time, for today, tomorrow
 * or yesterday: "what's the date" → "Today is Saturday, November 21, 2026."; "what day is it" → "It's Saturday."
 */
final class DateSkill implements Skill {
  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);
  private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.US);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM", Locale.US);

  /** Days counted from today: "tomorrow" and "tomorrow's" are 1. */
  private static final Map<String, Integer> DAYS = new LinkedHashMap<>();

  static {
    DAYS.put("today", 0);
    DAYS.put("tomorrow", 1);
    DAYS.put("yesterday", -1);
    DAYS.put("todays", 0);
    DAYS.put("tomorrows", 1);
    DAYS.put("yesterdays", -1);
  }

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.slotType("day", SkillSlots.list(DAYS));
    sentences.sentences("date.date",
        "(what is|what was|tell me) {day} date",
        "(what is|what was|tell me|do you know|give me) the [current] date [{day}]",
        "what date (is it|is|was it|was|will it be) [{day}]",
        "[todays|current] date [today]",
        "what (is|was) {day}");
    sentences.sentences("date.weekday",
        "(what|which) day [of the week] (is it|is|was it|was|will it be) [{day}]",
        "what (is|was) the day [of the week] [{day}]");
    sentences.sentences("date.month", "what month is it", "what is the month");
    sentences.sentences("date.year", "what year is it", "what is the year");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    LocalDate today = request.now().toLocalDate();
    int offset = intent.slot("day", Integer.class).orElse(0);
    LocalDate date = today.plusDays(offset);
    String subject = switch (offset) {
      case 1 -> "Tomorrow is ";
      case -1 -> "Yesterday was ";
      default -> "Today is ";
    };
    return Skill.say(switch (intent.name()) {
      case "date.date" -> subject + date.format(FULL) + ".";
      case "date.weekday" -> offset == 0 ? "It's " + date.format(WEEKDAY) + "." : subject + date.format(WEEKDAY) + ".";
      case "date.month" -> "It's " + today.format(MONTH) + ".";
      default -> "It's " + today.getYear() + ".";
    });
  }
}
