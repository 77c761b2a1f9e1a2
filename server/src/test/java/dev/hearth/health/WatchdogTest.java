package dev.hearth.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.HearthConfig;
import dev.hearth.timer.ManualScheduler;
import dev.hearth.timer.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watchdog's timing and bookkeeping, on a clock and scheduler the test moves, with turns it finishes by hand. */
class WatchdogTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final HandTurns turns = new HandTurns();
  private final AtomicInteger fed = new AtomicInteger();
  private final Watchdog watchdog = new Watchdog(turns, HearthConfig.of(Map.of("watchdog.interval_millis", "30000",
      "watchdog.deadline_millis", "20000", "watchdog.reuse_millis", "5000")).watchdog(), clock, scheduler, fed::incrementAndGet)
      .start();

  @Test
  void aHealthRequestReusesARecentTurnAndTwoAtOnceShareOne() {
    assertThat(watchdog.check().join().healthy()).isTrue();
    assertThat(turns.started).as("start-up counts as a turn just run").isEmpty();
    clock.advance(Duration.ofMillis(5_000));
    CompletableFuture<Watchdog.Verdict> first = watchdog.check();
    CompletableFuture<Watchdog.Verdict> second = watchdog.check();
    assertThat(turns.started).hasSize(1);
    assertThat(second).isSameAs(first).isNotDone();
    turns.started.get(0).complete(null);
    assertThat(first.join().healthy()).isTrue();
    assertThat(fed).as("systemd is fed after the successful turn").hasValue(1);
  }

  @Test
  void aFailedTurnIsDegradedNamingThePartUntilOneSucceeds() {
    clock.advance(Duration.ofMillis(6_000));
    CompletableFuture<Watchdog.Verdict> failing = watchdog.check();
    turns.part = "stt";
    turns.started.get(0).completeExceptionally(new IllegalStateException("recognizing half a second of silence failed: boom"));
    Watchdog.Verdict verdict = failing.join();
    assertThat(verdict.problem()).contains(new Watchdog.Problem("stt", "recognizing half a second of silence failed: boom"));
    assertThat(watchdog.current().healthy()).isFalse();
    assertThat(fed).hasValue(0);
    clock.advance(Duration.ofMillis(6_000));
    CompletableFuture<Watchdog.Verdict> next = watchdog.check();
    turns.started.get(1).complete(null);
    assertThat(next.join().healthy()).isTrue();
    assertThat(fed).hasValue(1);
  }

  @Test
  void aTurnPastItsDeadlineIsDegradedAndNoSecondTurnStartsWhileItIsStuck() {
    clock.advance(Duration.ofMillis(6_000));
    CompletableFuture<Watchdog.Verdict> stuck = watchdog.check();
    clock.advance(Duration.ofMillis(20_000));
    scheduler.runDue();
    assertThat(stuck.join().problem()).contains(new Watchdog.Problem("tts", "no answer within 20000 ms (watchdog.deadline_millis)"));
    clock.advance(Duration.ofMillis(6_000));
    Watchdog.Verdict again = watchdog.check().join();
    assertThat(again.problem().orElseThrow().reason()).isEqualTo("the watchdog turn started 26000 ms ago has not finished");
    assertThat(turns.started).as("never two turns at once").hasSize(1);
    turns.started.get(0).complete(null); // it comes unstuck, late: that proves nothing about the next one
    assertThat(watchdog.current().healthy()).isFalse();
    clock.advance(Duration.ofMillis(6_000));
    CompletableFuture<Watchdog.Verdict> fresh = watchdog.check();
    assertThat(turns.started).hasSize(2);
    turns.started.get(1).complete(null);
    assertThat(fresh.join().healthy()).isTrue();
  }

  @Test
  void turnsRunByThemselvesEveryIntervalAndAreOverdueWhenNoneFinishes() {
    clock.advance(Duration.ofMillis(30_000));
    scheduler.runDue();
    assertThat(turns.started).hasSize(1);
    turns.started.get(0).complete(null);
    assertThat(fed).hasValue(1);
    clock.advance(Duration.ofMillis(30_000));
    scheduler.runDue();
    assertThat(turns.started).hasSize(2);
    turns.started.get(1).complete(null);
    assertThat(watchdog.current().healthy()).isTrue();
    // the scheduler stalls: nothing runs, and after interval + deadline the last success is too old to vouch for now
    clock.advance(Duration.ofMillis(50_001));
    assertThat(watchdog.current().problem().orElseThrow().reason()).startsWith("overdue: the last watchdog turn finished 50001 ms ago");
  }

  @Test
  void aDeadWorkerIsDegradedUntilATurnStartedAfterItSucceeds() {
    watchdog.workerDied("hearth-tts", "hearth-tts-2", new OutOfMemoryError("Java heap space"));
    assertThat(watchdog.current().problem()).contains(
        new Watchdog.Problem("hearth-tts", "hearth-tts-2 died of java.lang.OutOfMemoryError: Java heap space"));
    CompletableFuture<Watchdog.Verdict> check = watchdog.check();
    assertThat(turns.started).as("a recent turn from before the death is not reused").hasSize(1);
    turns.started.get(0).complete(null);
    assertThat(check.join().healthy()).isTrue();
    assertThat(watchdog.current().healthy()).isTrue();
  }

  @Test
  void aTurnThatCannotEvenStartIsAFailureAndTheScheduleGoesOn() {
    turns.refuseWith = new OutOfMemoryError("Java heap space");
    clock.advance(Duration.ofMillis(30_000));
    scheduler.runDue();
    assertThat(watchdog.current().problem()).contains(new Watchdog.Problem("tts", "java.lang.OutOfMemoryError: Java heap space"));
    turns.refuseWith = null;
    clock.advance(Duration.ofMillis(30_000));
    scheduler.runDue();
    assertThat(turns.started).hasSize(1);
    turns.started.get(0).complete(null);
    assertThat(watchdog.current().healthy()).isTrue();
  }

  @Test
  void closingStopsTheScheduledTurns() {
    watchdog.close();
    clock.advance(Duration.ofMillis(60_000));
    scheduler.runDue();
    assertThat(turns.started).isEmpty();
  }

  /** Turns that finish when the test completes their futures. */
  private static final class HandTurns implements Watchdog.Turn {
    final List<CompletableFuture<Void>> started = new ArrayList<>();
    volatile String part = "tts";
    volatile Error refuseWith;

    @Override
    public CompletableFuture<Void> start() {
      if (refuseWith != null) throw refuseWith;
      CompletableFuture<Void> turn = new CompletableFuture<>();
      started.add(turn);
      return turn;
    }

    @Override
    public String part() {
      return part;
    }
  }
}
