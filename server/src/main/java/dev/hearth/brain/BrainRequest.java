package dev.hearth.brain;

import dev.hearth.audio.AudioChunk;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the brain is asked: the user's words, the conversation they belong to, its most recent turns (oldest
 * first), the local time at which they were said, whether the turn has been cancelled (barge-in), which a
 * responder that takes long checks as it goes, who asked ({@code client}: an address, or {@code this machine}),
 * by when the turn must have started answering ({@code deadlineNanos}, on the {@link System#nanoTime} scale), for a
 * voice turn whose audio was kept, the utterance itself ({@code audio}, 16 kHz; else null), and when a paid provider
 * earlier in the chain was refused by a rate or a budget, that refusal ({@code refusal}; else null).
 */
public record BrainRequest(String text, String conversationId, List<ContextTurn> context, ZonedDateTime now,
    BooleanSupplier cancelled, String client, long deadlineNanos, AudioChunk audio, Refusal refusal) {

  public BrainRequest {
    context = List.copyOf(context);
  }

  /** A request that no provider has refused yet. */
  public BrainRequest(String text, String conversationId, List<ContextTurn> context, ZonedDateTime now,
      BooleanSupplier cancelled, String client, long deadlineNanos, AudioChunk audio) {
    this(text, conversationId, context, now, cancelled, client, deadlineNanos, audio, null);
  }

  /** A request from this machine that is never cancelled and has no deadline. */
  public BrainRequest(String text, String conversationId, List<ContextTurn> context, ZonedDateTime now) {
    this(text, conversationId, context, now, () -> false);
  }

  /** A request from this machine without a deadline. */
  public BrainRequest(String text, String conversationId, List<ContextTurn> context, ZonedDateTime now,
      BooleanSupplier cancelled) {
    this(text, conversationId, context, now, cancelled, "this machine", Long.MAX_VALUE, null);
  }

  /** Milliseconds left before the deadline (0 once it has passed). */
  public long millisLeft() {
    if (deadlineNanos == Long.MAX_VALUE) return Long.MAX_VALUE;
    return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  /** This request with another deadline ({@link System#nanoTime} scale). */
  public BrainRequest withDeadline(long deadlineNanos) {
    return new BrainRequest(text, conversationId, context, now, cancelled, client, deadlineNanos, audio, refusal);
  }

  /** This request after a provider's {@code refusal}. */
  public BrainRequest withRefusal(Refusal refusal) {
    return new BrainRequest(text, conversationId, context, now, cancelled, client, deadlineNanos, audio, refusal);
  }

  /** The assistant's most recent reply text in this conversation, if any. */
  public Optional<String> lastAssistantReply() {
    for (int i = context.size() - 1; i >= 0; i--) {
      if (context.get(i).role() == ContextTurn.Role.ASSISTANT) return Optional.of(context.get(i).text());
    }
    return Optional.empty();
  }
}
