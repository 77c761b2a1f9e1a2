package dev.hearth.protocols.page;

import java.util.Set;

/**
 * Which {@code error} codes end the running turn (docs/protocol.md, "Error codes"): the one place that decides an
 * error's {@code ends_turn}. Every other code is a protocol error that leaves the turn alone. The session ends the
 * turn on every error a pipeline stage raises, so each code a stage raises belongs here.
 */
public final class ErrorCodes {
  /** Turn errors: the turn is over and no {@code turn_done} follows. */
  private static final Set<String> TURN_ENDING = Set.of("unknown_conversation", "utterance_too_long", "stt_failed",
      "brain_failed", "tts_failed", "internal", "history_failed",
      // a satellite's own, to its button and LEDs when its server connection drops (never sent on /ws)
      "server_unreachable");

  private ErrorCodes() {}

  public static boolean endsTurn(String code) {
    return TURN_ENDING.contains(code);
  }
}
