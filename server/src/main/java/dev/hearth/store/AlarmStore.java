package dev.hearth.store;

import java.util.List;
import java.util.Optional;

/**
 * The household's alarms. Every method does blocking I/O: call it only on the store's own thread (see
 * {@link StoreThread}). Each write is one transaction.
 */
public interface AlarmStore {

  /** Stores a new pending alarm. */
  AlarmInfo addAlarm(AlarmInfo alarm);

  /** Moves a pending alarm to {@code state}; empty if it was not pending (it rang or was cancelled first). */
  Optional<AlarmInfo> finishAlarm(String alarmId, AlarmInfo.State state);

  /** Pending alarms, soonest first. */
  List<AlarmInfo> pendingAlarms();
}
