package dev.hearth.timer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.store.AlarmInfo;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarms in a real SQLite file: they ring once when due, never after a cancel, and survive a restart. */
class AlarmServiceTest {
  private static final long LATE = Duration.ofMinutes(10).toMillis();

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final ScheduledExecutorService repeats = Executors.newSingleThreadScheduledExecutor();
  private final List<String> said = new CopyOnWriteArrayList<>();
  private final Ringing ringing = new Ringing(repeats, clock, (kind, id, text, c) -> said.add(kind + ": " + text),
      Duration.ofHours(1).toMillis(), Duration.ofHours(1).toMillis());
  private StoreThread store;
  private AlarmService alarms;

  @BeforeEach
  void open() {
    store = new StoreThread(SqliteStore.open(dir.resolve("alarms.db")));
    alarms = new AlarmService(store.alarms(), scheduler, clock, ringing, LATE);
  }

  @AfterEach
  void close() {
    alarms.close();
    store.close();
    ringing.close();
    repeats.shutdownNow();
  }

  @Test
  void ringsOnceWhenDue() {
    AlarmInfo alarm = alarms.set("c1", inHours(1), null);
    assertThat(alarm.localTime()).isEqualTo("13:00");

    clock.advance(Duration.ofMinutes(59));
    assertThat(scheduler.runDue()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.runDue()).isOne();

    assertThat(said).containsExactly("alarm: It's 1:00 PM. Your alarm.");
    assertThat(ringing.ringing()).extracting(Ringing.Ring::id).containsExactly(alarm.id());
    assertThat(alarms.active()).isEmpty();
  }

  @Test
  void aCancelledAlarmNeverRings() {
    AlarmInfo alarm = alarms.set("c1", inHours(1), "medicine");
    assertThat(alarms.cancel(alarm.id())).isPresent();
    assertThat(alarms.cancel(alarm.id())).isEmpty();
    clock.advance(Duration.ofHours(2));
    scheduler.runDue();
    assertThat(said).isEmpty();
  }

  @Test
  void anAlarmSurvivesARestartAndRingsOnTime() {
    AlarmInfo alarm = alarms.set("c1", inHours(8), "medicine");
    restart();
    assertThat(alarms.startUp()).isOne();
    assertThat(alarms.active()).extracting(AlarmInfo::id).containsExactly(alarm.id());

    clock.advance(Duration.ofHours(8));
    scheduler.runDue();
    assertThat(said).containsExactly("alarm: It's 8:00 PM. Your medicine alarm.");
  }

  @Test
  void anAlarmDueWhileHearthWasDownRingsAtStartUpIfOnlyALittleLate() {
    alarms.set("c1", inHours(1), null);
    clock.advance(Duration.ofMinutes(65));
    restart();
    assertThat(alarms.startUp()).isOne();
    scheduler.runDue();
    assertThat(said).containsExactly("alarm: It's 1:00 PM. Your alarm.");
  }

  @Test
  void anAlarmDueLongBeforeStartUpIsMissedNotRung() {
    alarms.set("c1", inHours(1), null);
    clock.advance(Duration.ofHours(3));
    restart();
    assertThat(alarms.startUp()).isZero();
    scheduler.runDue();
    assertThat(said).isEmpty();
    assertThat(alarms.active()).isEmpty();
  }

  private void restart() {
    alarms.close();
    store.close();
    open();
  }

  private ZonedDateTime inHours(int hours) {
    return ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusHours(hours);
  }
}
