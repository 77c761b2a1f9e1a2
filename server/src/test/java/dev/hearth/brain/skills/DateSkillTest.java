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
      "what day is it|It's Saturday.",
      "what day is today|It's Saturday.",
      "What day of the week is it?|It's Saturday.",
      "what day is tomorrow|Tomorrow is Sunday.",
      "what day was yesterday|Yesterday was Friday.",
      "what month is it|It's November.",
      "what year is it|It's 2026."})
  void answersDateQuestions(String text, String reply) {
    assertThat(ask(text, NOW)).contains(reply);
  }

  @Test
  void tomorrowCanBeNextYear() {
    ZonedDateTime newYearsEve = ZonedDateTime.of(2026, 12, 31, 23, 0, 0, 0, ZoneId.of("Europe/London"));
    assertThat(ask("what's the date tomorrow", newYearsEve)).contains("Tomorrow is Friday, January 1, 2027.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what is the date of the moon landing", "date night ideas", "what day is thanksgiving",
      "what is a date", "what's the time", "what is today's weather"})
  void leavesOtherQuestionsAlone(String text) {
    assertThat(ask(text, NOW)).isEmpty();
  }

  private Optional<String> ask(String text, ZonedDateTime now) {
    BrainRequest request = new BrainRequest(text, "c1", List.of(), now);
    return new Skills(List.of(skill)).respond(request, delta -> { }).map(Reply::text);
  }
}
