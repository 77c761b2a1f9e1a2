package dev.hearth.brain;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What the brain is asked: the user's words, the conversation they belong to, its most recent turns
 * (oldest first) and the local time at which they were said.
 */
public record BrainRequest(String text, String conversationId, List<ContextTurn> context, ZonedDateTime now) {

  public BrainRequest {
    context = List.copyOf(context);
  }

  /** The assistant's most recent reply text in this conversation, if any. */
  public java.util.Optional<String> lastAssistantReply() {
    for (int i = context.size() - 1; i >= 0; i--) {
      if (context.get(i).role() == ContextTurn.Role.ASSISTANT) return java.util.Optional.of(context.get(i).text());
    }
    return java.util.Optional.empty();
  }
}
