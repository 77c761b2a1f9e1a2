package dev.hearth.brain;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the brain is asked: the user's words, the conversation they belong to, its most recent turns
 * (oldest first), the local time at which they were said, and whether the turn has been cancelled (barge-in),
 * which a responder that takes long checks as it goes.
 */
public record BrainRequest(String text, String conversationId, List<ContextTurn> context, ZonedDateTime now,
    BooleanSupplier cancelled) {

  public BrainRequest {
    context = List.copyOf(context);
  }

  /** A request that is never cancelled. */
  public BrainRequest(String text, String conversationId, List<ContextTurn> context, ZonedDateTime now) {
    this(text, conversationId, context, now, () -> false);
  }

  /** The assistant's most recent reply text in this conversation, if any. */
  public java.util.Optional<String> lastAssistantReply() {
    for (int i = context.size() - 1; i >= 0; i--) {
      if (context.get(i).role() == ContextTurn.Role.ASSISTANT) return java.util.Optional.of(context.get(i).text());
    }
    return java.util.Optional.empty();
  }
}
