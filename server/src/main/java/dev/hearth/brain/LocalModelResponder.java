package dev.hearth.brain;

import dev.hearth.brain.ChatModel.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with a language model: the system prompt, the conversation's recent turns and the user's words go
 * to the model, and its text streams out as it is written. A model that fails or writes nothing declines, so
 * the next responder in the chain answers.
 */
public final class LocalModelResponder implements Responder {
  private static final Logger log = LoggerFactory.getLogger(LocalModelResponder.class);
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
  public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) {
    String text;
    try {
      text = model.complete(messages(request), request.cancelled(), deltas).strip();
    } catch (Exception e) {
      log.warn("The local model {} failed ({}); falling back", model.name(), e.toString());
      return Optional.empty();
    }
    if (text.isEmpty() && !request.cancelled().getAsBoolean()) {
      log.warn("The local model {} wrote nothing for \"{}\"; falling back", model.name(), request.text());
      return Optional.empty();
    }
    return Optional.of(Reply.of(text, SOURCE));
  }

  /** The system prompt, then the context (oldest first), then the user's words. */
  List<ChatMessage> messages(BrainRequest request) {
    List<ChatMessage> messages = new ArrayList<>();
    if (!systemPrompt.isBlank()) messages.add(ChatMessage.system(systemPrompt));
    for (ContextTurn turn : request.context()) {
      messages.add(turn.role() == ContextTurn.Role.USER ? ChatMessage.user(turn.text()) : ChatMessage.assistant(turn.text()));
    }
    messages.add(ChatMessage.user(request.text()));
    return messages;
  }
}
