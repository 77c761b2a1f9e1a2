package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateSkillTest {
  /** A Saturday. */
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 21, 19, 42, 0, 0, ZoneId.of("Europe/London"));

  private final DateSkill skill = new DateSkill();

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "what's the date|Today is Saturday, November 21, 2026.",
      "What is today's date?|Today is Saturday, November 21, 2026.",
      "what is the date today|Today is Saturday, November 21, 2026.",
      "what date is it|Today is Saturday, November 21, 2026.",
      "tell me the date|Today is Saturday, November 21, 2026.",
      "what's the date tomorrow|Tomorrow is Sunday, November 22, 2026.",
      "what is tomorrow's date|Tomorrow is Sunday, November 22, 2026.",
      "what date is it tomorrow|Tomorrow is Sunday, November 22, 2026.",
      "what was yesterday's date|Yesterday was Friday, November 20, 2026.",
      "what day is it|Today is Saturday, November 21, 2026.",
      "what day is today|Today is Saturday, November 21, 2026.",
      "What day of the week is it?|Today is Saturday, November 21, 2026.",
      "what day is tomorrow|Tomorrow is Sunday, November 22, 2026.",
      "what day was yesterday|Yesterday was Friday, November 20, 2026.",
      "what month is it|It's November.",
      "what year is it|It's 2026.",
      "what day is it tomorrow|Tomorrow is Sunday, November 22, 2026.",
      "what's the date next friday|Next Friday is November 27, 2026.",
      "what is the date on friday|Friday is November 27, 2026.",
      "what was the date last monday|Last Monday was November 16, 2026.",
      "what's the date in three days|That is Tuesday, November 24, 2026.",
      "what is the date the day after tomorrow|That is Monday, November 23, 2026.",
      "what date was it ten days ago|That was Wednesday, November 11, 2026.",
      "what day is christmas|Christmas is Friday, December 25, 2026.",
      "what day of the week is the fourth of july|Independence Day is Sunday, July 4, 2027.",
      "what day was the day before yesterday|That was Thursday, November 19, 2026.",
      "how many days until christmas|Christmas is on Friday, December 25, 2026, 34 days from today.",
      "how many days are left until new year's eve|New Year's Eve is on Thursday, December 31, 2026, 40 days from today.",
      "how long is it until halloween|Halloween is on Sunday, October 31, 2027, 344 days from today.",
      "when is thanksgiving|Thanksgiving is on Thursday, November 26, 2026, 5 days from today.",
      "when is easter|Easter is on Sunday, March 28, 2027, 127 days from today.",
      "how many days until december twenty fifth|December 25 is on Friday, December 25, 2026, 34 days from today.",
      "how many days till the 1st of january|January 1 is on Friday, January 1, 2027, 41 days from today.",
      "how many days until saturday|Saturday is today, Saturday, November 21, 2026.",
      "how many days until sunday|Sunday is tomorrow, Sunday, November 22, 2026."})
  void answersDateQuestions(String text, String reply) {
    assertThat(ask(text, NOW)).contains(reply);
  }

  @Test
  void tomorrowCanBeNextYear() {
    ZonedDateTime newYearsEve = ZonedDateTime.of(2026, 12, 31, 23, 0, 0, 0, ZoneId.of("Europe/London"));
    assertThat(ask("what's the date tomorrow", newYearsEve)).contains("Tomorrow is Friday, January 1, 2027.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what is the date of the moon landing", "date night ideas", "what is christmas", "when is the next bus",
      "how long until the pasta is done", "when is my birthday", "what happened on christmas day",
      "what is a date", "what's the time", "what is today's weather"})
  void leavesOtherQuestionsAlone(String text) {
    assertThat(ask(text, NOW)).isEmpty();
  }

  @Test
  void easterFollowsTheGregorianComputus() {
    assertThat(DayWords.easter(2024)).isEqualTo(java.time.LocalDate.of(2024, 3, 31));
    assertThat(DayWords.easter(2025)).isEqualTo(java.time.LocalDate.of(2025, 4, 20));
    assertThat(DayWords.easter(2038)).isEqualTo(java.time.LocalDate.of(2038, 4, 25));
  }

  @Test
  void february29WaitsForALeapYear() {
    ZonedDateTime march2026 = ZonedDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneId.of("Europe/London"));
    assertThat(ask("what day is february twenty ninth", march2026))
        .contains("That is Tuesday, February 29, 2028.");
  }

  private Optional<String> ask(String text, ZonedDateTime now) {
    BrainRequest request = new BrainRequest(text, "c1", List.of(), now);
    return new Skills(List.of(skill)).respond(request, delta -> { }).map(Reply::text);
  }
}
