package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.timer.AlarmService;
import dev.hearth.timer.ManualScheduler;
import dev.hearth.timer.MutableClock;
import dev.hearth.timer.Ringing;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Alarms and "stop" through the skills, with real alarms in SQLite, at 7:42 PM on Saturday, November 21, 2026. */
class AlarmSkillTest {
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 21, 19, 42, 0, 0, ZoneId.of("Europe/London"));

  private final MutableClock clock = new MutableClock(NOW.toInstant());
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final ScheduledExecutorService repeats = Executors.newSingleThreadScheduledExecutor();
  private final List<String> said = new CopyOnWriteArrayList<>();
  private final Ringing ringing = new Ringing(repeats, clock, (kind, id, text, c) -> said.add(text), 3_600_000,
      3_600_000);
  private final StoreThread store = new StoreThread(SqliteStore.inMemory());
  private final AlarmService alarms = new AlarmService(store.alarms(), scheduler, clock, ringing, 600_000);
  private final Skills skills = new Skills(new Household(null, alarms, null, ringing));

  @AfterEach
  void close() {
    alarms.close();
    ringing.close();
    store.close();
    repeats.shutdownNow();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "wake me up at seven thirty|Okay, alarm set for 7:30 AM tomorrow.",
      "set an alarm for 6 am tomorrow|Okay, alarm set for 6:00 AM tomorrow.",
      "set an alarm for 6:15 a.m.|Okay, alarm set for 6:15 AM tomorrow.",
      "set an alarm for nine|Okay, alarm set for 9:00 PM today.",
      "set an alarm for nine tomorrow|Okay, alarm set for 9:00 AM tomorrow.",
      "alarm at half past eight in the evening|Okay, alarm set for 8:30 PM today.",
      "set an alarm for quarter to seven|Okay, alarm set for 6:45 AM tomorrow.",
      "please set an alarm on monday at ten past seven|Okay, alarm set for 7:10 AM on Monday, November 23.",
      "wake me up at 18 30 on friday|Okay, alarm set for 6:30 PM on Friday, November 27.",
      "set an alarm for noon|Okay, alarm set for 12:00 PM tomorrow.",
      "set an alarm for seven o'clock|Okay, alarm set for 7:00 AM tomorrow."})
  void setsAnAlarm(String text, String reply) {
    assertThat(ask(text)).contains(reply);
    assertThat(alarms.active()).hasSize(1);
  }

  @Test
  void listsAndCancelsAlarms() {
    ask("wake me up at seven");
    ask("set an alarm for 9 pm");
    assertThat(ask("what alarms do i have")).contains("You have 2 alarms: 9:00 PM today and 7:00 AM tomorrow.");
    assertThat(ask("cancel my alarm")).contains("You have 2 alarms. Say which time to cancel, or say cancel all alarms.");
    assertThat(ask("cancel the alarm for 9 pm")).contains("Okay, alarm cancelled.");
    assertThat(ask("when is my alarm")).contains("You have an alarm for 7:00 AM tomorrow.");
    assertThat(ask("delete all my alarms")).contains("Okay, alarm cancelled.");
    assertThat(ask("do i have any alarms")).contains("You have no alarms.");
  }

  @Test
  void stopSilencesARingingAlarm() {
    ask("set an alarm for 8 pm");
    clock.advance(Duration.ofMinutes(18));
    scheduler.runDue();
    assertThat(said).containsExactly("It's 8:00 PM. Your alarm.");
    assertThat(ringing.ringing()).hasSize(1);

    assertThat(ask("stop")).contains("Okay, alarm off.");
    assertThat(ringing.ringing()).isEmpty();
    assertThat(ask("never mind")).contains("Okay.");
  }

  @Test
  void snoozeStopsTheRingingAlarmAndSetsItAgain() {
    ask("set an alarm for 8 pm");
    assertThat(ask("snooze")).contains("There's no alarm ringing.");
    clock.advance(Duration.ofMinutes(18));
    scheduler.runDue();
    assertThat(ringing.ringing()).hasSize(1);

    assertThat(ask("snooze")).contains("Okay, I'll ring again at 8:10 PM.");
    assertThat(ringing.ringing()).isEmpty();
    assertThat(ask("what alarms do i have")).contains("You have an alarm for 8:10 PM today.");
    clock.advance(Duration.ofMinutes(10));
    scheduler.runDue();
    assertThat(said).containsExactly("It's 8:00 PM. Your alarm.", "It's 8:10 PM. Your alarm.");
    assertThat(ask("snooze it for 2 hours")).contains("I can snooze for up to an hour. For longer, set a new alarm.");
    assertThat(ask("snooze the alarm for five minutes")).contains("Okay, I'll ring again at 8:15 PM.");
    assertThat(ask("snooze")).contains("There's no alarm ringing.");
  }

  @Test
  void turnOffTheAlarmWhileItRingsStopsItAndLeavesTheOthers() {
    ask("set an alarm for 8 pm");
    ask("wake me up at 7");
    clock.advance(Duration.ofMinutes(18));
    scheduler.runDue();
    assertThat(ask("turn off the alarm")).contains("Okay, alarm off.");
    assertThat(alarms.active()).hasSize(1);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what time does the alarm clock store open", "how do i set an alarm on my phone",
      "stop the war", "what is an alarm", "wake me up inside lyrics", "cancel my netflix subscription"})
  void leavesOtherQuestionsAlone(String text) {
    assertThat(ask(text)).isEmpty();
  }

  private Optional<String> ask(String text) {
    BrainRequest request = new BrainRequest(text, "c1", List.of(), clock.instant().atZone(NOW.getZone()));
    return skills.respond(request, delta -> { }).map(Reply::text);
  }
}
