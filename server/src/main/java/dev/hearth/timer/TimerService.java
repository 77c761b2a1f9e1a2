package dev.hearth.timer;

import dev.hearth.store.StoreExecutor;
import dev.hearth.store.TimerInfo;
import dev.hearth.store.TimerStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Timers} kept in the store and run on an injected scheduler, so they survive a restart.
 *
 * <p>The store decides who wins when a timer fires while it is being cancelled: a timer leaves the pending state
 * in exactly one store transaction, so it is announced at most once and never after a successful cancel. The
 * public methods block on the store and are meant for the brain's thread, never a Jetty or WebSocket thread.
 */
public final class TimerService implements Timers, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TimerService.class);

  private final StoreExecutor<TimerStore> store;
  private final Clock clock;
  private final TimerAnnouncer announcer;
  private final DueTasks tasks;

  /** The scheduler is not owned: {@link #close()} cancels this service's tasks but does not shut it down. */
  public TimerService(StoreExecutor<TimerStore> store, ScheduledExecutorService scheduler, Clock clock,
      TimerAnnouncer announcer) {
    this.store = store;
    this.tasks = new DueTasks(scheduler, clock);
    this.clock = clock;
    this.announcer = announcer;
  }

  /** Schedules every pending timer in the store; overdue ones fire at once. Returns how many were scheduled. */
  public int startUp() {
    List<TimerInfo> pending = store.submit(s -> s.pendingTimers(null)).join();
    pending.forEach(this::schedule);
    if (!pending.isEmpty()) log.info("Rescheduled {} pending timer(s)", pending.size());
    return pending.size();
  }

  @Override
  public TimerInfo start(String conversationId, long durationMillis, String label) {
    if (durationMillis <= 0) throw new IllegalArgumentException("timer duration must be positive: " + durationMillis);
    long now = clock.millis();
    String id = tasks.newId("tm_");
    TimerInfo timer = new TimerInfo(id, conversationId, label, durationMillis, now, now + durationMillis,
        TimerInfo.State.PENDING);
    TimerInfo stored = store.submit(s -> s.addTimer(timer, setText(timer))).join();
    schedule(stored);
    return stored;
  }

  @Override
  public List<TimerInfo> active() {
    return store.submit(s -> s.pendingTimers(null)).join();
  }

  @Override
  public Optional<TimerInfo> cancel(String timerId) {
    long now = clock.millis();
    // one store task, so nothing can finish the timer between reading it and cancelling it
    Optional<TimerInfo> cancelled = store.submit(s -> s.timer(timerId)
        .filter(t -> t.state() == TimerInfo.State.PENDING)
        .flatMap(t -> s.finishTimer(timerId, TimerInfo.State.CANCELLED, cancelText(t), now))).join();
    if (cancelled.isPresent()) tasks.cancel(timerId);
    return cancelled;
  }

  /** Cancels the scheduled tasks of this service; the timers stay pending in the store for the next start. */
  @Override
  public void close() {
    tasks.close();
  }

  private void schedule(TimerInfo timer) {
    tasks.at(timer.id(), timer.dueAtMillis(), () -> fire(timer));
  }

  private void fire(TimerInfo timer) {
    try {
      long now = clock.millis();
      String text = announcement(timer, now);
      Optional<TimerInfo> fired = store.submit(s -> s.finishTimer(timer.id(), TimerInfo.State.FIRED, text, now))
          .join();
      // empty: cancelled (or fired by another service over the same store) first
      fired.ifPresent(t -> announcer.timerFired(t, text));
    } catch (RuntimeException e) {
      // a scheduled task's exception would vanish silently; this one must be seen
      log.error("Timer {} could not fire", timer.id(), e);
    }
  }

  private static String setText(TimerInfo timer) {
    return name(timer) + " set: " + TimerPhrases.duration(timer.durationMillis());
  }

  private static String cancelText(TimerInfo timer) {
    return name(timer) + " cancelled: " + TimerPhrases.duration(timer.durationMillis());
  }

  private static String name(TimerInfo timer) {
    return timer.label() == null ? "Timer" : capitalized(timer.label()) + " timer";
  }

  private static String announcement(TimerInfo timer, long nowMillis) {
    return TimerPhrases.announcement(timer, nowMillis);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
