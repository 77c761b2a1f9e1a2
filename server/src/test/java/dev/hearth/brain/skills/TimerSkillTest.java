package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.store.TimerInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimerSkillTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final long START = ZonedDateTime.of(2026, 11, 21, 19, 42, 0, 0, ZONE).toInstant().toEpochMilli();
  private static final String CONVERSATION = "conversation-1";

  private FakeTimers timers;
  private TimerSkill skill;

  @BeforeEach
  void setUp() {
    timers = new FakeTimers(START);
    skill = new TimerSkill(timers, null);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "set a timer for five minutes|300000||Okay, a 5 minute timer, starting now.",
      "set a five minute timer|300000||Okay, a 5 minute timer, starting now.",
      "timer for one hour and thirty minutes|5400000||Okay, a 1 and a half hour timer, starting now.",
      "set a timer for ninety seconds|90000||Okay, a 90 second timer, starting now.",
      "set a pasta timer for ten minutes|600000|pasta|Okay, a pasta timer for 10 minutes, starting now.",
      "set a timer for two and a half minutes|150000||Okay, a 2 and a half minute timer, starting now.",
      "Set a timer for 5 minutes.|300000||Okay, a 5 minute timer, starting now.",
      "Set a 1-minute timer!|60000||Okay, a 1 minute timer, starting now.",
      "set an hour timer|3600000||Okay, a 1 hour timer, starting now.",
      "set a timer for an hour|3600000||Okay, a 1 hour timer, starting now.",
      "set a timer for half an hour|1800000||Okay, a 30 minute timer, starting now.",
      // what the small speech model often writes for "an hour" and "hour"
      "set a timer for half another|1800000||Okay, a 30 minute timer, starting now.",
      "set a timer for one other|3600000||Okay, a 1 hour timer, starting now.",
      "set a timer for two others and ten minutes|7800000||Okay, a 2 hour 10 minute timer, starting now.",
      "set a timer for a minute and a half|90000||Okay, a 90 second timer, starting now.",
      "can you set a timer for ten minutes called laundry please|600000|laundry|"
          + "Okay, a laundry timer for 10 minutes, starting now.",
      "set a timer for ten minutes for the pasta|600000|pasta|Okay, a pasta timer for 10 minutes, starting now.",
      "start an egg timer for seven minutes|420000|egg|Okay, an egg timer for 7 minutes, starting now.",
      "set a ten minute pizza timer|600000|pizza|Okay, a pizza timer for 10 minutes, starting now.",
      "five minute timer|300000||Okay, a 5 minute timer, starting now.",
      "set the timer for eight minutes|480000||Okay, an 8 minute timer, starting now.",
      "set a timer for twenty four hours|86400000||Okay, a 24 hour timer, starting now."})
  void setsTimers(String text, long millis, String label, String reply) {
    assertThat(ask(text)).contains(reply);
    assertThat(timers.all()).singleElement().satisfies(t -> {
      assertThat(t.durationMillis()).isEqualTo(millis);
      assertThat(t.label()).isEqualTo(label);
      assertThat(t.conversationId()).isEqualTo(CONVERSATION);
    });
  }

  @Test
  void rejectsAZeroLengthTimer() {
    assertThat(ask("set a timer for zero minutes")).hasValueSatisfying(r -> assertThat(r)
        .startsWith("That timer would be over before it started."));
    assertThat(timers.all()).isEmpty();
  }

  @Test
  void rejectsTimersLongerThanADay() {
    assertThat(ask("set a timer for twenty five hours"))
        .contains("That's too long for me. Timers can run for up to 24 hours.");
    assertThat(timers.all()).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"set a timer", "set a timer for ten", "set a timer for pasta", "start the timer",
      "set a timer for when the pasta is done"})
  void asksHowLongWhenTheLengthIsMissing(String text) {
    assertThat(ask(text)).contains("How long should the timer be? For example, say set a timer for five minutes.");
    assertThat(timers.all()).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what timers do i have", "list my timers", "how much time is left",
      "how long is left on my timer", "How much time is left on the timer?", "do i have any timers",
      "how much longer"})
  void saysThereAreNoTimers(String text) {
    assertThat(ask(text)).contains("You have no timers.");
  }

  @Test
  void listsOneTimer() {
    timers.start(CONVERSATION, 300_000, null);
    timers.advance(Duration.ofSeconds(48));
    assertThat(ask("what timers do i have")).contains("Your 5 minute timer has 4 minutes 12 seconds left.");
    assertThat(ask("how long is left on my timer")).contains("Your 5 minute timer has 4 minutes 12 seconds left.");
  }

  @Test
  void listsSeveralTimersSoonestFirst() {
    timers.start(CONVERSATION, 3_600_000, null);
    timers.start(CONVERSATION, 300_000, "pasta");
    timers.advance(Duration.ofSeconds(48));
    assertThat(ask("what timers do i have")).contains(
        "You have two timers: pasta, 4 minutes 12 seconds left; and a 1 hour timer, 59 minutes left.");
  }

  @Test
  void listsOneTimerByLabel() {
    timers.start(CONVERSATION, 3_600_000, null);
    timers.start(CONVERSATION, 300_000, "pasta");
    timers.advance(Duration.ofSeconds(48));
    assertThat(ask("How much time is left on the pasta timer?"))
        .contains("Your pasta timer has 4 minutes 12 seconds left.");
    assertThat(ask("how much time is left on the egg timer")).contains("You don't have an egg timer.");
  }

  @Test
  void cancelsTheOnlyTimer() {
    timers.start(CONVERSATION, 300_000, null);
    assertThat(ask("cancel the timer")).contains("Cancelled your 5 minute timer.");
    assertThat(timers.all()).extracting(TimerInfo::state).containsExactly(TimerInfo.State.CANCELLED);
  }

  @Test
  void cancellingWithoutTimersSaysSo() {
    assertThat(ask("cancel the timer")).contains("You have no timers.");
  }

  @Test
  void asksWhichTimerWhenSeveralCouldBeMeant() {
    timers.start(CONVERSATION, 300_000, "pasta");
    timers.start(CONVERSATION, 3_600_000, null);
    assertThat(ask("stop the timer")).contains(
        "You have two timers: pasta and a 1 hour timer. Say which one to cancel, or say cancel all timers.");
    assertThat(timers.all()).extracting(TimerInfo::state).containsOnly(TimerInfo.State.PENDING);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"cancel all timers", "cancel my timers", "cancel all my timers", "delete all the timers"})
  void cancelsAllTimers(String text) {
    timers.start(CONVERSATION, 300_000, "pasta");
    timers.start(CONVERSATION, 3_600_000, null);
    assertThat(ask(text)).contains("Cancelled both of your timers.");
    assertThat(timers.all()).extracting(TimerInfo::state).containsOnly(TimerInfo.State.CANCELLED);
  }

  @Test
  void countsManyCancelledTimers() {
    timers.start(CONVERSATION, 60_000, null);
    timers.start(CONVERSATION, 120_000, null);
    timers.start(CONVERSATION, 180_000, null);
    assertThat(ask("cancel all timers")).contains("Cancelled all three timers.");
  }

  @Test
  void cancelsATimerByLabel() {
    timers.start(CONVERSATION, 300_000, "pasta");
    timers.start(CONVERSATION, 300_000, null);
    assertThat(ask("stop the pasta timer")).contains("Cancelled your pasta timer.");
    assertThat(timers.all()).extracting(TimerInfo::state)
        .containsExactly(TimerInfo.State.CANCELLED, TimerInfo.State.PENDING);
  }

  @Test
  void cancelsATimerByLength() {
    timers.start(CONVERSATION, 3_600_000, null);
    timers.start(CONVERSATION, 300_000, null);
    assertThat(ask("cancel the five minute timer")).contains("Cancelled your 5 minute timer.");
    assertThat(timers.all()).extracting(TimerInfo::state)
        .containsExactly(TimerInfo.State.PENDING, TimerInfo.State.CANCELLED);
    assertThat(ask("cancel the ten minute timer")).contains("You don't have a 10 minute timer.");
  }

  /** Regression: timers belonged to a conversation, so after "start a new conversation" they could not be found. */
  @Test
  void listsTimersSetInAnyConversation() {
    timers.start("an-earlier-conversation", 300_000, "pasta");
    timers.start(CONVERSATION, 60_000, "tea");
    timers.advance(Duration.ofSeconds(48));
    assertThat(ask("what timers do i have")).contains(
        "You have two timers: tea, 12 seconds left; and pasta, 4 minutes 12 seconds left.");
  }

  @Test
  void cancelsATimerSetInAnotherConversation() {
    timers.start("an-earlier-conversation", 300_000, null);
    assertThat(ask("cancel the timer")).contains("Cancelled your 5 minute timer.");
    assertThat(timers.all()).extracting(TimerInfo::state).containsExactly(TimerInfo.State.CANCELLED);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what is a timer", "pasta timer", "how do timers work", "tell me about time travel",
      "the timer", "is the timer app any good", "what time is it", "timer timer for five minutes"})
  void leavesOtherQuestionsAlone(String text) {
    assertThat(ask(text)).isEmpty();
    assertThat(timers.all()).isEmpty();
  }

  private Optional<String> ask(String text) {
    ZonedDateTime now = Instant.ofEpochMilli(timers.nowMillis()).atZone(ZONE);
    BrainRequest request = new BrainRequest(text, CONVERSATION, List.of(), now);
    return new Skills(List.of(skill)).respond(request, delta -> { }).map(Reply::text);
  }
}
