package dev.hearth.timer;

import dev.hearth.store.AlarmInfo;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The household's alarms, as the alarm skill uses them: each rings at a clock time until someone says stop.
 * Implementations persist them, so an alarm survives a restart. The methods block on the store.
 */
public interface Alarms {

  /** Sets an alarm that rings at {@code at}; {@code label} may be null. */
  AlarmInfo set(String conversationId, ZonedDateTime at, String label);

  /** Every alarm that has not rung or been cancelled, soonest first. */
  List<AlarmInfo> active();

  /** Cancels one pending alarm; empty if it was not pending. */
  Optional<AlarmInfo> cancel(String alarmId);
}
