package dev.hearth.brain;

import dev.hearth.audio.AudioChunk;

/**
 * A finished answer: the text to speak, who produced it ({@code source}: "skill", "llm", "openai", "fallback"),
 * what the session should do afterwards, from a model that speaks, its speech ({@code audio}, else null), which is
 * played instead of synthesizing the text, and a longer explanation for a screen ({@code detail}, else null), shown
 * beside the text but never spoken.
 */
public record Reply(String text, String source, Action action, AudioChunk audio, String detail) {

  public enum Action {
    /** Nothing beyond speaking the text. */
    NONE,
    /** Speak the text, then move the session to a fresh conversation. */
    NEW_CONVERSATION
  }

  public Reply(String text, String source, Action action) {
    this(text, source, action, null, null);
  }

  public static Reply of(String text, String source) {
    return new Reply(text, source, Action.NONE);
  }

  /** An answer with its own speech: {@code text} is what it says. */
  public static Reply spoken(String text, String source, AudioChunk audio) {
    return new Reply(text, source, Action.NONE, audio, null);
  }

  /** The answer for a reader rather than a listener (a chat client): the text, then its detail when it has one. */
  public String written() {
    return detail == null ? text : text + " " + detail;
  }

  /** A short spoken answer with a longer explanation for a screen. */
  public static Reply explained(String text, String source, String detail) {
    return new Reply(text, source, Action.NONE, null, detail);
  }
}
