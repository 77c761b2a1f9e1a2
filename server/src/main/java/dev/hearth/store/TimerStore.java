package dev.hearth.store;

import java.util.List;
import java.util.Optional;

/**
 * The countdown timers, each with the history events that record it being set, firing or being cancelled.
 *
 * <p>Every method does blocking I/O: call it only on the store's own thread (see {@link StoreThread}). Every write is
 * one transaction, the timer and its event together.
 */
public interface TimerStore {

  /** Stores a new pending timer and its {@link EventType#TIMER_SET} event in one transaction. */
  TimerInfo addTimer(TimerInfo timer, String eventText);

  /** Marks a pending timer fired or cancelled and appends the matching event, in one transaction. */
  Optional<TimerInfo> finishTimer(String timerId, TimerInfo.State state, String eventText, long nowMillis);

  Optional<TimerInfo> timer(String timerId);

  /** Pending timers of one conversation, or of all when {@code conversationId} is null; soonest first. */
  List<TimerInfo> pendingTimers(String conversationId);
}
