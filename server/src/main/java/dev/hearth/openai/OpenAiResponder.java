package dev.hearth.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.Wav;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.ChatModel.ChatMessage;
import dev.hearth.brain.LocalModelResponder;
import dev.hearth.brain.Refusal;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import dev.hearth.brain.ResponderUnavailable;
import dev.hearth.config.OpenAiConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with OpenAI's Chat Completions, streamed: the system prompt, the conversation's recent turns and the
 * user's words go out, and the text comes back piece by piece into speech, as from the local model. It is
 * {@link ResponderUnavailable} (and the chain moves on) when the budget refuses, when OpenAI refused the key in the
 * last minute, or when the first words do not come within {@code openai.timeout_millis} or the
 * turn's deadline, whichever is sooner. An answer cut off after it began speaking ends with a short apology.
 *
 * <p>With {@code openai.audio_messages}, a voice turn goes to a model that hears instead: its recorded utterance is
 * sent as WAV ({@code input_audio}) with the conversation so far as text, and the model's spoken answer (WAV) is
 * played as it is, its transcript being the reply's text. That answer comes whole, so it may take until the turn's
 * deadline.
 *
 * <p>A turn counts against {@code openai.daily_turns} only when OpenAI answered (some of) it: an attempt that failed,
 * timed out or was refused, or a turn cancelled before any answer came, gives its turn back.
 */
public final class OpenAiResponder implements Responder {
  private static final Logger log = LoggerFactory.getLogger(OpenAiResponder.class);
  public static final String SOURCE = "openai";
  static final String CUT_OFF = "Sorry, the answer was cut off.";
  /** Time left for the providers after this one when an audio answer is awaited up to the deadline. */
  private static final long DEADLINE_RESERVE_MILLIS = 500;

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
    if (client.connectivity().keyRefusedRecently()) {
      throw new ResponderUnavailable("OpenAI refused the key less than a minute ago");
    }
    long wait = Math.min(config.timeoutMillis(), request.millisLeft());
    if (wait <= 0) throw new ResponderUnavailable("the turn's deadline has passed");
    Optional<Spending.Denial> denied = spending.take(request.client(), Spending.Budget.TURNS, 1);
    if (denied.isPresent()) {
      Spending.Denial d = denied.get();
      throw new ResponderUnavailable(d.message(), new Refusal(d.code(), d.message(), d.retryAfterSeconds()));
    }
    Reply reply;
    try {
      reply = ask(request, deltas, wait);
    } catch (ResponderUnavailable | RuntimeException e) {
      spending.refund(Spending.Budget.TURNS, 1); // only answered turns count against the day's budget
      throw e;
    }
    if (reply.text().isEmpty() && reply.audio() == null) spending.refund(Spending.Budget.TURNS, 1); // cancelled unheard
    return Optional.of(reply);
  }

  /** Asks OpenAI, the turn already counted; throws when it gives no answer. */
  private Reply ask(BrainRequest request, Consumer<String> deltas, long wait) throws ResponderUnavailable {
    if (config.audioMessages() && request.audio() != null) return hear(request);
    StringBuilder said = new StringBuilder();
    try {
      OpenAiClient.ChatText answer = client.streamChat(body(request), piece -> {
        said.append(piece);
        deltas.accept(piece);
      }, request.cancelled(), wait, config.timeoutMillis());
      String text = answer.text().strip();
      if (text.isEmpty() && !request.cancelled().getAsBoolean()) throw new ResponderUnavailable("OpenAI wrote nothing");
      return Reply.of(text, SOURCE);
    } catch (OpenAiException e) {
      if (e.kind() == OpenAiException.Kind.CANCELLED) return Reply.of(said.toString().strip(), SOURCE);
      if (said.toString().isBlank()) throw new ResponderUnavailable(e.getMessage());
      log.warn("openai's answer was cut off after {} characters ({})", said.length(), e.getMessage());
      deltas.accept(" " + CUT_OFF);
      return Reply.of(said.toString().strip() + " " + CUT_OFF, SOURCE);
    }
  }

  /** An audio message: the utterance in, speech and its transcript out. */
  private Reply hear(BrainRequest request) throws ResponderUnavailable {
    long wait = Math.max(100, request.millisLeft() - DEADLINE_RESERVE_MILLIS);
    JsonNode answer;
    try {
      answer = client.postJsonBlocking("/chat/completions", audioBody(request), Duration.ofMillis(wait), request.cancelled());
    } catch (OpenAiException e) {
      if (e.kind() == OpenAiException.Kind.CANCELLED) return Reply.of("", SOURCE);
      throw new ResponderUnavailable(e.getMessage());
    }
    JsonNode message = answer.path("choices").path(0).path("message");
    String data = message.path("audio").path("data").asText("");
    String transcript = message.path("audio").path("transcript").asText(message.path("content").asText("")).strip();
    if (data.isEmpty() || transcript.isEmpty()) throw new ResponderUnavailable("the audio answer had no speech or no transcript");
    try {
      AudioChunk speech = Wav.parse(Base64.getDecoder().decode(data), "OpenAI's audio answer");
      return Reply.spoken(transcript, SOURCE, speech);
    } catch (IOException | IllegalArgumentException e) {
      throw new ResponderUnavailable("the audio answer is not WAV: " + e.getMessage());
    }
  }

  /** The audio Chat Completions request: text and audio out, the conversation as text, the utterance as WAV. */
  ObjectNode audioBody(BrainRequest request) {
    ObjectNode body = OpenAiClient.JSON.createObjectNode();
    body.put("model", config.audioModel());
    body.putArray("modalities").add("text").add("audio");
    body.putObject("audio").put("voice", config.audioVoice()).put("format", "wav");
    ArrayNode messages = body.putArray("messages");
    List<ChatMessage> all = LocalModelResponder.messages(systemPrompt, request);
    for (ChatMessage m : all.subList(0, all.size() - 1)) {
      messages.addObject().put("role", m.role().wire()).put("content", m.content());
    }
    ObjectNode user = messages.addObject().put("role", "user");
    user.putArray("content").addObject().put("type", "input_audio").putObject("input_audio")
        .put("data", Base64.getEncoder().encodeToString(Wav.toBytes(request.audio()))).put("format", "wav");
    body.put(maxTokensField(), config.maxTokens());
    return body;
  }

  /**
   * The cap on the reply's length: OpenAI's own API takes {@code max_completion_tokens} ({@code max_tokens} is
   * deprecated there, and its reasoning models refuse it); compatible servers (llama.cpp's, Ollama, older vLLM) know
   * {@code max_tokens}.
   */
  private String maxTokensField() {
    return config.isOpenAiItself() ? "max_completion_tokens" : "max_tokens";
  }

  /** The Chat Completions request: the model, the messages, and a cap on the reply's length. */
  ObjectNode body(BrainRequest request) {
    ObjectNode body = OpenAiClient.JSON.createObjectNode();
    body.put("model", config.chatModel());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : LocalModelResponder.messages(systemPrompt, request)) {
      messages.addObject().put("role", m.role().wire()).put("content", m.content());
    }
    body.put(maxTokensField(), config.maxTokens());
    return body;
  }
}
