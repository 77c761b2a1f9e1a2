package dev.hearth.timer;

import java.util.List;
import java.util.Optional;

/** Countdown timers of a conversation, as the timer skill uses them. Implementations persist them. */
public interface Timers {

  /** Starts a timer that fires after {@code durationMillis}; {@code label} may be null. */
  TimerInfo start(String conversationId, long durationMillis, String label);

  /** The conversation's timers that have not fired or been cancelled, soonest first. */
  List<TimerInfo> active(String conversationId);

  /** Cancels one active timer; empty if it was not active. */
  Optional<TimerInfo> cancel(String timerId);
}
