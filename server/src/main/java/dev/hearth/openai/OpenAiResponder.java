package dev.hearth.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.ChatModel.ChatMessage;
import dev.hearth.brain.LocalModelResponder;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import dev.hearth.brain.ResponderUnavailable;
import dev.hearth.config.OpenAiConfig;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers with OpenAI's Chat Completions, streamed: the system prompt, the conversation's recent turns and the
 * user's words go out, and the text comes back piece by piece into speech, as from the local model. It is
 * {@link ResponderUnavailable} (and the chain moves on) when the budget refuses, when OpenAI is known to be
 * unreachable or to refuse the key, or when the first words do not come within {@code openai.timeout_millis} or the
 * turn's deadline, whichever is sooner. An answer cut off after it began speaking ends with a short apology.
 */
public final class OpenAiResponder implements Responder {
  public static final String SOURCE = "openai";
  static final String CUT_OFF = "Sorry, the answer was cut off.";

  private final OpenAiClient client;
  private final OpenAiConfig config;
  private final Spending spending;
  private final String systemPrompt;

  public OpenAiResponder(OpenAiClient client, OpenAiConfig config, Spending spending, String systemPrompt) {
    this.client = client;
    this.config = config;
    this.spending = spending;
    this.systemPrompt = systemPrompt;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) throws ResponderUnavailable {
    Connectivity.State state = client.connectivity().state();
    if (state == Connectivity.State.KEY_REJECTED) throw new ResponderUnavailable("OpenAI refuses the key");
    long wait = Math.min(config.timeoutMillis(), request.millisLeft());
    if (wait <= 0) throw new ResponderUnavailable("the turn's deadline has passed");
    Optional<Spending.Denial> denied = spending.take(request.client(), Spending.Budget.TURNS, 1);
    if (denied.isPresent()) throw new ResponderUnavailable(denied.get().message());
    StringBuilder said = new StringBuilder();
    try {
      OpenAiClient.ChatText answer = client.streamChat(body(request), piece -> {
        said.append(piece);
        deltas.accept(piece);
      }, request.cancelled(), wait, config.timeoutMillis());
      String text = answer.text().strip();
      if (text.isEmpty() && !request.cancelled().getAsBoolean()) throw new ResponderUnavailable("OpenAI wrote nothing");
      return Optional.of(Reply.of(text, SOURCE));
    } catch (OpenAiException e) {
      if (e.kind() == OpenAiException.Kind.CANCELLED) return Optional.of(Reply.of(said.toString().strip(), SOURCE));
      if (said.toString().isBlank()) throw new ResponderUnavailable(e.getMessage());
      deltas.accept(" " + CUT_OFF);
      return Optional.of(Reply.of(said.toString().strip() + " " + CUT_OFF, SOURCE));
    }
  }

  /** The Chat Completions request: the model, the messages, and a cap on the reply's length. */
  ObjectNode body(BrainRequest request) {
    ObjectNode body = OpenAiClient.JSON.createObjectNode();
    body.put("model", config.chatModel());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : LocalModelResponder.messages(systemPrompt, request)) {
      messages.addObject().put("role", m.role().wire()).put("content", m.content());
    }
    body.put("max_tokens", config.maxTokens());
    return body;
  }
}
