package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says the date, the day of the week, the month or the year of the request's local time, for today, tomorrow
 * or yesterday: "what's the date" → "Today is Saturday, November 21, 2026."; "what day is it" → "It's Saturday."
 */
final class DateSkill implements Skill {
  private static final String DAY = "(?<day>today|tomorrow|yesterday)";
  private static final String DAYS = "(?<day>todays|tomorrows|yesterdays)";

  private enum Kind { DATE, WEEKDAY, MONTH, YEAR }

  private record Question(Kind kind, Pattern pattern) {}

  private static final List<Question> QUESTIONS = List.of(
      new Question(Kind.DATE, Pattern.compile("(?:what (?:is|was)|tell me) " + DAYS + " date")),
      new Question(Kind.DATE, Pattern.compile(
          "(?:what (?:is|was)|tell me|do you know|give me) the(?: current)? date(?: " + DAY + ")?")),
      new Question(Kind.DATE, Pattern.compile("what date (?:is it|is|was it|was|will it be)(?: " + DAY + ")?")),
      new Question(Kind.DATE, Pattern.compile("(?:the |todays |current )?date(?: today)?")),
      new Question(Kind.DATE, Pattern.compile("what (?:is|was) " + DAY)),
      new Question(Kind.WEEKDAY, Pattern.compile(
          "(?:what|which) day(?: of the week)? (?:is it|is|was it|was|will it be)(?: " + DAY + ")?")),
      new Question(Kind.WEEKDAY, Pattern.compile("what (?:is|was) the day(?: of the week)?(?: " + DAY + ")?")),
      new Question(Kind.MONTH, Pattern.compile("what month is it(?: now)?|what is the month")),
      new Question(Kind.YEAR, Pattern.compile("what year is it(?: now)?|what is the year")));

  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);
  private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.US);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM", Locale.US);

  @Override
  public Optional<Reply> answer(Utterance utterance, BrainRequest request) {
    for (Question question : QUESTIONS) {
      Matcher m = question.pattern().matcher(utterance.text());
      if (m.matches()) return Skill.say(reply(question.kind(), day(m), request.now().toLocalDate()));
    }
    return Optional.empty();
  }

  /** "today", "tomorrow" or "yesterday", from the pattern's optional {@code day} group. */
  private static String day(Matcher m) {
    if (!m.pattern().pattern().contains("(?<day>")) return "today";
    String day = m.group("day");
    return day == null ? "today" : day.replaceFirst("s$", "");
  }

  private static String reply(Kind kind, String day, LocalDate today) {
    LocalDate date = switch (day) {
      case "tomorrow" -> today.plusDays(1);
      case "yesterday" -> today.minusDays(1);
      default -> today;
    };
    String subject = switch (day) {
      case "tomorrow" -> "Tomorrow is ";
      case "yesterday" -> "Yesterday was ";
      default -> "Today is ";
    };
    return switch (kind) {
      case DATE -> subject + date.format(FULL) + ".";
      case WEEKDAY -> day.equals("today") ? "It's " + date.format(WEEKDAY) + "." : subject + date.format(WEEKDAY) + ".";
      case MONTH -> "It's " + today.format(MONTH) + ".";
      case YEAR -> "It's " + today.getYear() + ".";
    };
  }
}
