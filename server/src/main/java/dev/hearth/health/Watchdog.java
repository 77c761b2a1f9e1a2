package dev.hearth.health;

import dev.hearth.config.WatchdogConfig;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves, by running a {@link Turn} on the real pools, that the server can still speak and listen: by itself every
 * {@code watchdog.interval_millis}, and when {@link #check()} is called (a health request), reusing a turn that
 * finished within {@code watchdog.reuse_millis}. Never runs two turns at once: while a turn that overran its deadline
 * is still stuck, checks fail without starting another. A worker thread that died ({@link #workerDied}) also makes the
 * server degraded until a turn started after the death succeeds. Each successful turn calls {@code onSuccess} (the
 * systemd watchdog is fed there) before its verdict is handed out.
 */
public final class Watchdog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

  /** One watchdog turn. */
  public interface Turn {
    /** Starts a turn on the pools; the future completes when it has succeeded, or fails with what went wrong. */
    CompletableFuture<Void> start();

    /** The part ("tts", "stt") the turn in flight is in, to name what a turn past its deadline is stuck in. */
    String part();
  }

  /** What is wrong: the part ({@code tts}, {@code stt}, or a pool such as {@code hearth-tts}) and why. */
  public record Problem(String part, String reason) {}

  /** The outcome of the latest turn, or of the server's state when asked: healthy when {@code problem} is empty. */
  public record Verdict(long atMillis, Optional<Problem> problem) {
    public boolean healthy() {
      return problem.isEmpty();
    }
  }

  private final Turn turn;
  private final WatchdogConfig settings;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Runnable onSuccess;

  private CompletableFuture<Verdict> pending;
  /** The work of the latest turn, which may still be running after its verdict (a turn past its deadline). */
  private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);
  private long runningSinceMillis;
  private Verdict last;
  private Problem death;
  private long deathAtMillis;
  private ScheduledFuture<?> next;
  private boolean closed;

  /**
   * @param onSuccess called after each successful turn, on the thread that finished it
   */
  public Watchdog(Turn turn, WatchdogConfig settings, Clock clock, ScheduledExecutorService scheduler, Runnable onSuccess) {
    this.turn = turn;
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
    this.onSuccess = onSuccess;
  }

  /** Counts the server healthy from now (start-up has just proved speech works) and schedules the turns. */
  public synchronized Watchdog start() {
    last = new Verdict(clock.millis(), Optional.empty());
    scheduleNext();
    return this;
  }

  /** The verdict of a turn no older than {@code watchdog.reuse_millis}: the one in flight, a recent one, or a new one. */
  public synchronized CompletableFuture<Verdict> check() {
    if (pending != null) return pending;
    long now = clock.millis();
    if (last != null && now - last.atMillis() < settings.reuseMillis() && death == null) {
      return CompletableFuture.completedFuture(current(now));
    }
    if (closed) return CompletableFuture.completedFuture(current(now));
    if (!running.isDone()) {
      last = failed(now, turn.part(), "the watchdog turn started " + (now - runningSinceMillis) + " ms ago has not finished");
      return CompletableFuture.completedFuture(current(now));
    }
    return startTurn(now);
  }

  /** What the latest turn and any worker death say now, without running a turn: degraded when overdue too. */
  public synchronized Verdict current() {
    return current(clock.millis());
  }

  /** Marks the server degraded because a thread of {@code pool} died of {@code error}, until a later turn succeeds. */
  public synchronized void workerDied(String pool, String thread, Throwable error) {
    deathAtMillis = clock.millis();
    death = new Problem(pool, thread + " died of " + error);
  }

  private Verdict current(long now) {
    if (death != null) return new Verdict(now, Optional.of(death));
    if (last == null) return new Verdict(now, Optional.of(new Problem("watchdog", "no watchdog turn has run yet")));
    if (last.problem().isPresent()) return last;
    long age = now - last.atMillis();
    if (age > settings.intervalMillis() + settings.deadlineMillis()) {
      return new Verdict(now, Optional.of(new Problem("watchdog", "overdue: the last watchdog turn finished " + age + " ms ago")));
    }
    return last;
  }

  private CompletableFuture<Verdict> startTurn(long now) {
    CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    pending = verdict;
    runningSinceMillis = now;
    CompletableFuture<Void> work;
    try {
      work = turn.start();
    } catch (RuntimeException | Error e) { // e.g. OutOfMemoryError: the verdict must still come
      work = CompletableFuture.failedFuture(e);
    }
    running = work;
    ScheduledFuture<?> deadline = scheduler.schedule(() -> finish(verdict, failed(clock.millis(), turn.part(),
        "no answer within " + settings.deadlineMillis() + " ms (watchdog.deadline_millis)")),
        settings.deadlineMillis(), TimeUnit.MILLISECONDS);
    work.whenComplete((ok, error) -> {
      deadline.cancel(false);
      finish(verdict, error == null ? new Verdict(clock.millis(), Optional.empty()) : failed(clock.millis(), turn.part(), reason(error)));
    });
    return verdict;
  }

  /** Records {@code outcome} unless the turn already has a verdict (its deadline passed), then hands it out. */
  private void finish(CompletableFuture<Verdict> verdict, Verdict outcome) {
    Verdict handedOut;
    synchronized (this) {
      if (pending != verdict) return;
      pending = null;
      if (outcome.healthy() && death != null && runningSinceMillis >= deathAtMillis) {
        log.info("Watchdog turn succeeded: the pools work again after {}", death.reason());
        death = null;
      }
      if (outcome.healthy() && last != null && !last.healthy()) log.info("Watchdog turn succeeded again: speech works");
      if (!outcome.healthy() && (last == null || last.healthy())) {
        log.warn("Watchdog turn failed in {}: {}", outcome.problem().get().part(), outcome.problem().get().reason());
      }
      last = outcome;
      handedOut = current(outcome.atMillis());
    }
    try {
      if (outcome.healthy()) onSuccess.run();
    } finally {
      verdict.complete(handedOut); // a failing listener must not leave health requests waiting
    }
  }

  private static Verdict failed(long now, String part, String reason) {
    return new Verdict(now, Optional.of(new Problem(part, reason)));
  }

  private static String reason(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause.getMessage() != null && !(cause instanceof OutOfMemoryError) ? cause.getMessage() : cause.toString();
  }

  private synchronized void scheduleNext() {
    if (closed) return;
    next = scheduler.schedule(() -> {
      try {
        check();
      } finally {
        scheduleNext(); // whatever this tick met, the next one comes
      }
    }, settings.intervalMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the scheduled turns; a turn in flight finishes on its own. */
  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) next.cancel(false);
  }
}
