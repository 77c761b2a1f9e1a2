package dev.hearth.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.hearth.store.Event;
import dev.hearth.store.EventType;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.store.TimerInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimerServiceTest {
  record Announcement(TimerInfo timer, String text) {}

  @TempDir Path dir;
  Path dbFile;
  StoreThread store;
  final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:00Z"));
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final List<Announcement> announced = new CopyOnWriteArrayList<>();
  TimerService timers;

  @BeforeEach
  void setUp() {
    dbFile = dir.resolve("TimerServiceTest.db");
    store = new StoreThread(SqliteStore.open(dbFile));
    timers = newService(store, scheduler, clock);
  }

  @AfterEach
  void tearDown() {
    timers.close();
    store.close();
  }

  @Test
  void firesOnceWhenDueAndLeavesATimerFiredEvent() {
    TimerInfo t = timers.start("c", Duration.ofMinutes(5).toMillis(), null);

    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(scheduler.runDue()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(scheduler.runDue()).isOne();
    clock.advance(Duration.ofMinutes(10));
    scheduler.runDue();

    assertThat(announced).extracting(Announcement::text).containsExactly("Your 5 minute timer is done.");
    assertThat(announced.get(0).timer().state()).isEqualTo(TimerInfo.State.FIRED);
    assertThat(storedTimer(t.id()).state()).isEqualTo(TimerInfo.State.FIRED);
    assertThat(events("c")).extracting(Event::type, Event::text).containsExactly(
        tuple(EventType.TIMER_SET, "Timer set: 5 minutes"),
        tuple(EventType.TIMER_FIRED, "Your 5 minute timer is done."));
    assertThat(timers.active()).isEmpty();
  }

  @Test
  void aLabelledTimerIsAnnouncedByItsLabel() {
    timers.start("c", Duration.ofSeconds(90).toMillis(), "pasta");

    clock.advance(Duration.ofSeconds(90));
    scheduler.runDue();

    assertThat(events("c")).extracting(Event::text)
        .containsExactly("Pasta timer set: 1 minute 30 seconds", "Your pasta timer is done.");
  }

  @Test
  void startPersistsAPendingTimerWithANewId() {
    TimerInfo a = timers.start("c", 60_000, null);
    TimerInfo b = timers.start("c", 30_000, "tea");

    assertThat(a.id()).startsWith("tm_").isNotEqualTo(b.id());
    assertThat(a.dueAtMillis()).isEqualTo(clock.millis() + 60_000);
    TimerInfo elsewhere = timers.start("other", 45_000, null);
    assertThat(timers.active()).containsExactly(b, elsewhere, a);
  }

  @Test
  void cancelPreventsFiring() {
    TimerInfo t = timers.start("c", Duration.ofMinutes(5).toMillis(), null);

    Optional<TimerInfo> cancelled = timers.cancel(t.id());
    clock.advance(Duration.ofMinutes(6));
    scheduler.runDue();

    assertThat(cancelled).get().extracting(TimerInfo::state).isEqualTo(TimerInfo.State.CANCELLED);
    assertThat(announced).isEmpty();
    assertThat(scheduler.waiting()).isZero();
    assertThat(events("c")).extracting(Event::type, Event::text).containsExactly(
        tuple(EventType.TIMER_SET, "Timer set: 5 minutes"),
        tuple(EventType.TIMER_CANCELLED, "Timer cancelled: 5 minutes"));
    assertThat(timers.cancel(t.id())).isEmpty();
    assertThat(timers.cancel("tm_unknown")).isEmpty();
  }

  @Test
  void cancellingAFiredTimerDoesNothing() {
    TimerInfo t = timers.start("c", 1_000, null);
    clock.advance(Duration.ofSeconds(1));
    scheduler.runDue();

    assertThat(timers.cancel(t.id())).isEmpty();
    assertThat(events("c")).extracting(Event::type).containsExactly(EventType.TIMER_SET, EventType.TIMER_FIRED);
  }

  @Test
  void aRestartReschedulesPendingTimersAndAnnouncesOverdueOnesAsLate() {
    timers.start("c", Duration.ofMinutes(5).toMillis(), null);
    timers.start("c", Duration.ofMinutes(20).toMillis(), null);
    timers.close();
    store.close();

    clock.advance(Duration.ofMinutes(8)); // the server was down meanwhile
    ManualScheduler afterRestart = new ManualScheduler(clock);
    store = new StoreThread(SqliteStore.open(dbFile));
    timers = newService(store, afterRestart, clock);

    assertThat(timers.startUp()).isEqualTo(2);
    assertThat(afterRestart.runDue()).isOne();
    assertThat(announced).extracting(Announcement::text).containsExactly("Your 5 minute timer went off 3 minutes ago, while I was offline.");

    clock.advance(Duration.ofMinutes(12));
    afterRestart.runDue();
    assertThat(announced).extracting(Announcement::text)
        .containsExactly("Your 5 minute timer went off 3 minutes ago, while I was offline.", "Your 20 minute timer is done.");
    assertThat(scheduler.runDue()).as("the old service's tasks were cancelled").isZero();
  }

  @Test
  void aTimerLessThanAMinuteLateIsSimplyDone() {
    timers.start("c", Duration.ofHours(1).toMillis(), null);
    clock.advance(Duration.ofMinutes(61));

    scheduler.runDue();

    assertThat(announced).extracting(Announcement::text).containsExactly("Your 1 hour timer is done.");
  }

  /** Cancels race real firing threads: each timer ends fired and announced once, or cancelled and silent. */
  @Test
  void aTimerFiresExactlyOnceOrIsCancelledWhenCancelRacesIt() {
    ScheduledThreadPoolExecutor realScheduler = new ScheduledThreadPoolExecutor(2);
    try (TimerService racing = newService(store, realScheduler, Clock.systemUTC())) {
      List<TimerInfo> started = new ArrayList<>();
      List<String> cancelledIds = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        TimerInfo t = racing.start("race", 1 + i % 4, null);
        started.add(t);
        racing.cancel(t.id()).ifPresent(c -> cancelledIds.add(c.id()));
      }

      awaitCondition(() -> racing.active().isEmpty());
      awaitCondition(() -> announced.size() + cancelledIds.size() == started.size());

      for (TimerInfo t : started) {
        TimerInfo stored = storedTimer(t.id());
        long announcements = announced.stream().filter(a -> a.timer().id().equals(t.id())).count();
        if (cancelledIds.contains(t.id())) {
          assertThat(stored.state()).isEqualTo(TimerInfo.State.CANCELLED);
          assertThat(announcements).isZero();
        } else {
          assertThat(stored.state()).isEqualTo(TimerInfo.State.FIRED);
          assertThat(announcements).isOne();
        }
      }
      List<Event> finishing = events("race").stream().filter(e -> e.type() != EventType.TIMER_SET).toList();
      assertThat(finishing).hasSize(started.size());
    } finally {
      realScheduler.shutdownNow();
    }
  }

  private TimerService newService(StoreThread store, java.util.concurrent.ScheduledExecutorService scheduler,
      Clock clock) {
    return new TimerService(store.timers(), scheduler, clock, (timer, text) -> announced.add(new Announcement(timer, text)));
  }

  private TimerInfo storedTimer(String id) {
    return store.timers().submit(s -> s.timer(id)).join().orElseThrow();
  }

  private List<Event> events(String conversationId) {
    return store.history().submit(s -> s.events(conversationId)).join();
  }

  private static void awaitCondition(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
