package dev.hearth.brain;

/**
 * A finished answer: the text to speak, who produced it ({@code source}: "skill", later "llm", "openai")
 * and what the session should do afterwards.
 */
public record Reply(String text, String source, Action action) {

  public enum Action {
    /** Nothing beyond speaking the text. */
    NONE,
    /** Speak the text, then move the session to a fresh conversation. */
    NEW_CONVERSATION
  }

  public static Reply of(String text, String source) {
    return new Reply(text, source, Action.NONE);
  }
}
