package dev.hearth.speech;

/**
 * An utterance passed the cap ({@code stt.max_utterance_millis}). The message is the same on every front end; each
 * adds what its client should do (release the button sooner, send shorter requests).
 */
public final class UtteranceTooLong extends Exception {
  public UtteranceTooLong(long maxMillis) {
    super("The utterance is longer than " + maxMillis / 1000 + " s (stt.max_utterance_millis)");
  }
}
