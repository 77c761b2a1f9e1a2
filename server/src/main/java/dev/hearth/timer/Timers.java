package dev.hearth.timer;

import dev.hearth.store.TimerInfo;
import java.util.List;
import java.util.Optional;

/**
 * The household's countdown timers, as the timer skill uses them. A timer belongs to the conversation that set it
 * (its history events go there) but is listed and cancelled from any conversation. Implementations persist them.
 */
public interface Timers {

  /** Starts a timer that fires after {@code durationMillis}; {@code label} may be null. */
  TimerInfo start(String conversationId, long durationMillis, String label);

  /** Every timer that has not fired or been cancelled, whichever conversation set it, soonest first. */
  List<TimerInfo> active();

  /** Cancels one active timer; empty if it was not active. */
  Optional<TimerInfo> cancel(String timerId);
}
