package dev.hearth.tts;

/** Synthesis failed, or a voice is unknown. */
public final class TtsException extends Exception {
  public TtsException(String message, Throwable cause) {
    super(message, cause);
  }

  public TtsException(String message) {
    super(message);
  }
}
