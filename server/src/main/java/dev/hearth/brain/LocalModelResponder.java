package dev.hearth.brain;

import dev.hearth.brain.ChatModel.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Answers with a language model: the system prompt, the conversation's recent turns and the user's words go
 * to the model, and its text streams out as it is written. A model that fails or writes nothing is
 * {@link ResponderUnavailable}, so the next responder in the chain answers.
 */
public final class LocalModelResponder implements Responder {
  public static final String SOURCE = "llm";

  private final ChatModel model;
  private final String systemPrompt;

  public LocalModelResponder(ChatModel model, String systemPrompt) {
    this.model = model;
    this.systemPrompt = systemPrompt;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) throws ResponderUnavailable {
    // a model that has not begun by the request's deadline gives way (it checks between tokens)
    AtomicBoolean begun = new AtomicBoolean();
    BooleanSupplier stop = () -> request.cancelled().getAsBoolean() || !begun.get() && request.millisLeft() == 0;
    String text;
    try {
      text = model.complete(messages(systemPrompt, request), stop, piece -> {
        if (!piece.isEmpty()) begun.set(true);
        deltas.accept(piece);
      }).strip();
    } catch (Exception e) {
      throw new ResponderUnavailable("the model " + model.name() + " failed: " + e);
    }
    if (text.isEmpty() && !request.cancelled().getAsBoolean()) {
      throw new ResponderUnavailable(request.millisLeft() == 0 ? "the model " + model.name() + " had not begun by the deadline"
          : "the model " + model.name() + " wrote nothing");
    }
    return Optional.of(Reply.of(text, SOURCE));
  }

  @Override
  public boolean preparesAhead() {
    return true;
  }

  /** Computes the prompt ahead while the person speaks: the model will take any words the skills do not. */
  @Override
  public boolean anticipate(BrainRequest heardSoFar) {
    model.anticipate(messages(systemPrompt, heardSoFar));
    return true;
  }

  @Override
  public void stopAnticipating() {
    model.stopAnticipating();
  }

  /** The system prompt, then the context (oldest first), then the user's words: what every chat model is sent. */
  public static List<ChatMessage> messages(String systemPrompt, BrainRequest request) {
    List<ChatMessage> messages = new ArrayList<>();
    if (!systemPrompt.isBlank()) messages.add(ChatMessage.system(systemPrompt));
    for (ContextTurn turn : request.context()) {
      messages.add(turn.role() == ContextTurn.Role.USER ? ChatMessage.user(turn.text()) : ChatMessage.assistant(turn.text()));
    }
    messages.add(ChatMessage.user(request.text()));
    return messages;
  }
}
