package dev.hearth.brain;

/** One earlier utterance of a conversation, as the brain sees it. */
public record ContextTurn(Role role, String text) {
  public enum Role { USER, ASSISTANT }
}
