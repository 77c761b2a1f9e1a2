package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmallTalkSkillTest {
  private static final ZonedDateTime MORNING = ZonedDateTime.of(2026, 11, 21, 8, 5, 0, 0, ZoneId.of("Europe/London"));
  private static final ZonedDateTime LATE = ZonedDateTime.of(2026, 11, 21, 22, 40, 0, 0, ZoneId.of("Europe/London"));

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "hello|Good morning. What can I do for you?",
      "Hi there!|Good morning. What can I do for you?",
      "hey hearth|Good morning. What can I do for you?",
      "good morning|Good morning. What can I do for you?",
      "how are you doing today|I'm doing well, thanks. What can I do for you?",
      "how's it going|I'm doing well, thanks. What can I do for you?",
      "thank you so much|You're welcome.",
      "thanks a lot|You're welcome.",
      "ok thanks|You're welcome.",
      "goodbye|Goodbye.",
      "that's all for now|Goodbye.",
      "who are you|" + SmallTalkSkill.WHO,
      "what's your name|" + SmallTalkSkill.WHO,
      "tell me about yourself|" + SmallTalkSkill.WHO})
  void answersInOneSentence(String text, String reply) {
    assertThat(ask(text, MORNING)).contains(reply);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {"good night|Good night.", "hello|Good evening. What can I do for you?"})
  void followsTheClock(String text, String reply) {
    assertThat(ask(text, LATE)).contains(reply);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what are you doing", "who are the beatles", "how are volcanoes formed",
      "what is up with the weather", "thanks to whom did rome fall", "hello world in python", "how do you make bread",
      "what is your favorite color", "good morning america cast"})
  void leavesQuestionsToTheModel(String text) {
    assertThat(ask(text, MORNING)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aGreetingBeforeARequestDoesNotHideIt() {
    BrainRequest request = new BrainRequest("hello, what time is it", "c1", List.of(), MORNING);
    assertThat(new Skills(List.of(new SmallTalkSkill(), new TimeSkill())).respond(request, d -> { })
        .map(Reply::text)).contains("It's 8:05 AM.");
  }

  private static Optional<String> ask(String text, ZonedDateTime now) {
    BrainRequest request = new BrainRequest(text, "c1", List.of(), now);
    return new Skills(List.of(new SmallTalkSkill())).respond(request, delta -> { }).map(Reply::text);
  }
}
