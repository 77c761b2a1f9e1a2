package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Refusal;
import dev.hearth.brain.Reply;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineFallbackTest {
  private final OfflineFallback fallback = new OfflineFallback(false);

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what is the capital of france", "tell me a joke", "what time is it"})
  void alwaysAnswersThatTheLanguageModelIsMissing(String text) {
    Reply reply = fallback.respond(request(text), delta -> {}).orElseThrow();
    assertThat(reply.source()).isEqualTo("fallback");
    assertThat(reply.action()).isEqualTo(Reply.Action.NONE);
    assertThat(reply.text()).isEqualTo("I can't answer that offline yet.");
    assertThat(reply.detail()).contains("language model", "none is set up", "docs/models.md", "timers");
  }

  @Test
  void withAModelInstalledItSaysItCannotAnswerOffline() {
    Reply reply = new OfflineFallback(true).respond(request("who won the match yesterday"), delta -> {}).orElseThrow();
    assertThat(reply.text()).isEqualTo("Sorry, I can't answer that offline.");
    assertThat(reply.detail()).contains("language model gave no answer");
  }

  @Test
  void whenOpenAiWasRefusedItSaysWhyInsteadOfOffline() {
    BrainRequest refused = request("who won the match yesterday")
        .withRefusal(new Refusal(Refusal.BUDGET_EXCEEDED, "Today's OpenAI budget of 500 turns is used up.", 60));
    Reply reply = new OfflineFallback(true).respond(refused, delta -> {}).orElseThrow();
    assertThat(reply.text()).isEqualTo("Not right now. Try again tomorrow.");
    assertThat(reply.detail()).isEqualTo("Today's OpenAI budget of 500 turns is used up.");
    assertThat(reply.source()).isEqualTo("fallback");
  }

  @Test
  void aRateThatPassesSoonSaysInAMinute() {
    BrainRequest refused = request("who won the match yesterday")
        .withRefusal(new Refusal(Refusal.RATE_LIMITED, "Too many requests from this device.", 40));
    assertThat(new OfflineFallback(true).respond(refused, delta -> {}).orElseThrow().text())
        .isEqualTo("Not right now. Try again in a minute.");
  }

  @Test
  void saysWhenNothingWasHeard() {
    assertThat(fallback.respond(request(" "), delta -> {}).orElseThrow().text()).startsWith("Sorry, I didn't catch");
  }

  private static BrainRequest request(String text) {
    return new BrainRequest(text, "c1", List.of(), ZonedDateTime.now());
  }
}
