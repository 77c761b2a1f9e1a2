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
import org.junit.jupiter.params.provider.ValueSource;

class TimeSkillTest {
  private static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final ZonedDateTime EVENING = ZonedDateTime.of(2026, 11, 21, 19, 42, 5, 0, ZONE);

  private final TimeSkill skill = new TimeSkill();

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what time is it", "what's the time", "tell me the time", "What time is it?",
      "what's the time right now", "can you tell me what time it is", "hey hearth what time is it please",
      "What is the current time?", "do you know what time it is", "time", "the time"})
  void tellsTheTime(String text) {
    assertThat(ask(text, EVENING)).contains("It's 7:42 PM.");
  }

  @Test
  void formatsMorningNoonAndMidnight() {
    assertThat(ask("what time is it", EVENING.withHour(9).withMinute(5))).contains("It's 9:05 AM.");
    assertThat(ask("what time is it", EVENING.withHour(12).withMinute(0))).contains("It's 12:00 PM.");
    assertThat(ask("what time is it", EVENING.withHour(0).withMinute(30))).contains("It's 12:30 AM.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"tell me about time travel", "what time does the store open", "time flies",
      "what is the time complexity of quicksort", "timer", "what time is it in tokyo", "set a timer"})
  void leavesOtherQuestionsAlone(String text) {
    assertThat(ask(text, EVENING)).isEmpty();
  }

  private Optional<String> ask(String text, ZonedDateTime now) {
    BrainRequest request = new BrainRequest(text, "c1", List.of(), now);
    return new Skills(List.of(skill)).respond(request, delta -> { }).map(Reply::text);
  }
}
