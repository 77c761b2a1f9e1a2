package dev.hearth.protocols.openaiapi;

import dev.hearth.store.TimerInfo;
import dev.hearth.timer.Timers;
import java.util.List;
import java.util.Optional;

/**
 * The timers the chat completions API's skills see: none. The API is stateless (nothing it is told is kept, like
 * OpenAI's {@code store: false}) and has no session to ring in, so a timer set through it could never be heard: asking
 * for one is refused with {@link Refused}, whose message becomes the answer, and there are never timers to list or
 * cancel. Timers are set by voice or on the page, where they ring.
 */
final class StatelessTimers implements Timers {
  static final String REFUSAL = "I can't set timers through the OpenAI-compatible API: it keeps no conversation and "
      + "has nowhere to ring. Ask me by voice or on Hearth's page instead.";

  @Override
  public TimerInfo start(String conversationId, long durationMillis, String label) {
    throw new Refused();
  }

  @Override
  public List<TimerInfo> active() {
    return List.of();
  }

  @Override
  public Optional<TimerInfo> cancel(String timerId) {
    return Optional.empty();
  }

  /** Thrown through the brain when a timer is asked for; the answer is {@link #REFUSAL}. */
  static final class Refused extends RuntimeException {
    Refused() {
      super(REFUSAL, null, false, false);
    }
  }
}
