package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.Brain;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SkillsTest {
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 21, 19, 42, 0, 0, ZoneId.of("UTC"));

  private final FakeTimers timers = new FakeTimers(NOW.toInstant().toEpochMilli());
  private final Skills skills = new Skills(timers);

  @Test
  void reportsItsSource() {
    assertThat(skills.source()).isEqualTo("skill");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "what time is it|It's 7:42 PM.",
      "what's the date|Today is Saturday, November 21, 2026.",
      "set a timer for five minutes|Okay, a 5 minute timer, starting now.",
      "what is twelve times seven|Twelve times seven is 84.",
      "convert ten miles to kilometers|10 miles is about 16.09 kilometers.",
      "say that again|I haven't said anything yet.",
      "what can you do|" + HelpSkill.TEXT})
  void eachSkillAnswersThroughTheChain(String text, String expected) {
    Optional<Reply> reply = skills.respond(request(text), delta -> {});
    assertThat(reply).contains(Reply.of(expected, "skill"));
  }

  /** Issue 17: articles, fillers and wrappers the hand-written patterns did not expect fell through to the apology. */
  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "how many ounces in the pound|1 pound is 16 ounces.",
      "how many ounces in pound|1 pound is 16 ounces.",
      "hey what's the time|It's 7:42 PM.",
      "um what is the date today please|Today is Saturday, November 21, 2026.",
      "I want to set a timer for ten minutes|Okay, a 10 minute timer, starting now.",
      "could you uh set the pasta timer for ten minutes|Okay, a pasta timer for 10 minutes, starting now.",
      "what's the time now|It's 7:42 PM.",
      "so what is seven plus eight|Seven plus eight is 15.",
      "convert seventy degrees fahrenheit to the celsius|70 degrees Fahrenheit is about 21.11 degrees Celsius."})
  void issue17_fillersArticlesAndWrappersDoNotStopAMatch(String text, String expected) {
    assertThat(skills.respond(request(text), delta -> {})).contains(Reply.of(expected, "skill"));
  }

  @Test
  void issue17_cancellingTheOldTimersCancelsThemAll() {
    timers.start("c1", 300_000, "pasta");
    timers.start("c1", 600_000, null);
    assertThat(skills.respond(request("cancel the old timers"), delta -> {})).map(Reply::text)
        .contains("Cancelled both of your timers.");
  }

  @Test
  void newConversationCarriesItsAction() {
    assertThat(skills.respond(request("let's start over"), delta -> {}))
        .map(Reply::action).contains(Reply.Action.NEW_CONVERSATION);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what is the capital of france", "tell me about time travel", "tell me a joke",
      "who wrote hamlet", "how many people live in paris", "what is a timer", "", "  ?  "})
  void declinesWhatNoSkillUnderstands(String text) {
    assertThat(skills.respond(request(text), delta -> {})).isEmpty();
  }

  @Test
  void fallsThroughToTheLastResponderInABrain() throws Exception {
    Brain brain = new Brain(List.of(skills, new OfflineFallback(false)));
    List<String> deltas = new ArrayList<>();
    assertThat(brain.answer(request("what is the capital of france"), deltas::add).source()).isEqualTo("fallback");
    assertThat(brain.answer(request("what is two plus two"), deltas::add))
        .isEqualTo(Reply.of("Two plus two is 4.", "skill"));
    assertThat(deltas).isEmpty();
  }

  private static BrainRequest request(String text) {
    return new BrainRequest(text, "c1", List.of(), NOW);
  }
}
