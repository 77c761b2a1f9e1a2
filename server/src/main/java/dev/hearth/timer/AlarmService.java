package dev.hearth.timer;

import dev.hearth.store.AlarmInfo;
import dev.hearth.store.AlarmStore;
import dev.hearth.store.StoreExecutor;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Alarms} kept in the store and rung through {@link Ringing}, so they survive a restart: at start-up every
 * pending alarm is scheduled again. One that came due while Hearth was not running rings at once if it is at most
 * {@code lateMillis} late, and is marked missed (and logged) if it is later: an alarm for 7:00 should not ring at noon.
 * An alarm leaves the pending state in one store transaction, so it rings at most once and never after a cancel.
 */
public final class AlarmService implements Alarms, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlarmService.class);
  private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

  private final StoreExecutor<AlarmStore> store;
  private final Clock clock;
  private final Ringing ringing;
  private final long lateMillis;
  private final DueTasks tasks;

  /** The scheduler is not owned: {@link #close()} cancels this service's tasks but does not shut it down. */
  public AlarmService(StoreExecutor<AlarmStore> store, ScheduledExecutorService scheduler, Clock clock, Ringing ringing,
      long lateMillis) {
    this.store = store;
    this.tasks = new DueTasks(scheduler, clock);
    this.clock = clock;
    this.ringing = ringing;
    this.lateMillis = lateMillis;
  }

  /** Schedules every pending alarm; returns how many are still to ring. */
  public int startUp() {
    List<AlarmInfo> pending = store.submit(AlarmStore::pendingAlarms).join();
    int waiting = 0;
    for (AlarmInfo alarm : pending) {
      if (clock.millis() - alarm.dueAtMillis() > lateMillis) {
        store.submit(s -> s.finishAlarm(alarm.id(), AlarmInfo.State.MISSED)).join();
        log.warn("Alarm {} for {} was due while Hearth was not running; marked missed", alarm.id(), alarm.localTime());
      } else {
        schedule(alarm);
        waiting++;
      }
    }
    if (waiting > 0) log.info("Rescheduled {} pending alarm(s)", waiting);
    return waiting;
  }

  @Override
  public AlarmInfo set(String conversationId, ZonedDateTime at, String label) {
    long now = clock.millis();
    if (at.toInstant().toEpochMilli() <= now) throw new IllegalArgumentException("an alarm must be in the future: " + at);
    String id = tasks.newId("al_");
    String time = at.toLocalTime().withSecond(0).withNano(0).toString();
    AlarmInfo alarm = new AlarmInfo(id, conversationId, label, time, at.toInstant().toEpochMilli(), now,
        AlarmInfo.State.PENDING);
    AlarmInfo stored = store.submit(s -> s.addAlarm(alarm)).join();
    schedule(stored);
    return stored;
  }

  @Override
  public List<AlarmInfo> active() {
    return store.submit(AlarmStore::pendingAlarms).join();
  }

  @Override
  public Optional<AlarmInfo> cancel(String alarmId) {
    Optional<AlarmInfo> cancelled = store.submit(s -> s.finishAlarm(alarmId, AlarmInfo.State.CANCELLED)).join();
    if (cancelled.isPresent()) tasks.cancel(alarmId);
    return cancelled;
  }

  /** Cancels this service's scheduled tasks; the alarms stay pending in the store for the next start. */
  @Override
  public void close() {
    tasks.close();
  }

  /** What a ringing alarm says: "It's 7:30 AM. Your alarm." or "It's 7:30 AM. Your medicine alarm." */
  public static String announcement(AlarmInfo alarm) {
    String time = LocalTime.parse(alarm.localTime()).format(SPOKEN);
    return "It's " + time + ". Your " + (alarm.label() == null ? "" : alarm.label() + " ") + "alarm.";
  }

  private void schedule(AlarmInfo alarm) {
    tasks.at(alarm.id(), alarm.dueAtMillis(), () -> ring(alarm));
  }

  private void ring(AlarmInfo alarm) {
    try {
      Optional<AlarmInfo> rang = store.submit(s -> s.finishAlarm(alarm.id(), AlarmInfo.State.RANG)).join();
      rang.ifPresent(a -> ringing.start("alarm", a.id(), announcement(a), a.conversationId()));
    } catch (RuntimeException e) {
      log.error("Alarm {} could not ring", alarm.id(), e);
    }
  }
}
