package dev.hearth.brain;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A language model that writes the assistant's next message of a chat: the local model now, OpenAI later.
 * Implementations trim the oldest messages after the first (system) one when the chat does not fit their
 * context window, and run one generation at a time, queueing the rest.
 */
public interface ChatModel {

  /** The model's name, for logs and {@code /api/health}. */
  String name();

  /**
   * Generates the next assistant message for {@code messages} (oldest first), passing text to {@code deltas}
   * as it is produced. Stops early, returning what was written so far, once {@code cancelled} is true.
   * Blocks; called on a thread the app owns.
   *
   * @return the whole message
   */
  String complete(List<ChatMessage> messages, BooleanSupplier cancelled, Consumer<String> deltas) throws Exception;

  /**
   * The chat so far, ending with the user's words heard while they are still speaking: a model may compute its prompt
   * ahead, on a thread of its own, so that less is left when the final words come. Returns at once; a later call
   * replaces an earlier one. Never delays a reply. By default nothing is done.
   */
  default void anticipate(List<ChatMessage> heardSoFar) {}

  /** Stops computing ahead (a barge-in, a new turn, or words a skill will answer). */
  default void stopAnticipating() {}

  /** One message of a chat. */
  record ChatMessage(Role role, String content) {
    public enum Role {
      SYSTEM, USER, ASSISTANT;

      /** The name chat templates and APIs use: {@code system}, {@code user}, {@code assistant}. */
      public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    public static ChatMessage system(String content) { return new ChatMessage(Role.SYSTEM, content); }
    public static ChatMessage user(String content) { return new ChatMessage(Role.USER, content); }
    public static ChatMessage assistant(String content) { return new ChatMessage(Role.ASSISTANT, content); }
  }
}
