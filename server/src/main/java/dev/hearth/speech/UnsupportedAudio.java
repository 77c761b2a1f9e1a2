package dev.hearth.speech;

/**
 * Audio that no listening front end accepts (see {@link InputFormats}). The message says what to send instead and is
 * the same on every front end; each protocol wraps it in its own error form (an {@code error} event, a close reason,
 * a 400).
 */
public final class UnsupportedAudio extends Exception {
  public UnsupportedAudio(String message) {
    super(message);
  }
}
