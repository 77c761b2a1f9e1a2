package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.audio.AudioChunk;
import dev.hearth.brain.ContextTurn;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A checked {@code POST /v1/chat/completions} body. System and developer messages become the system prompt; user and
 * assistant messages the conversation, whose last message must be the user's (the question). Content is a string or
 * parts: {@code text}, and in user messages {@code input_audio} (WAV only), which Vosk transcribes. Images, files,
 * tools, audio output, JSON modes and {@code n > 1} are refused with a 400 naming the field; sampling settings
 * ({@code temperature}, {@code max_tokens}, {@code stop}, ...) are accepted and ignored.
 *
 * @param systemPrompt the system and developer messages joined, or empty for Hearth's own prompt
 * @param messages the user and assistant messages, oldest first; the last is the user's
 */
record ChatRequest(String model, Optional<String> systemPrompt, List<Message> messages, boolean stream,
    boolean includeUsage) {

  /** A piece of a message: text, or a recording to transcribe. */
  sealed interface Part permits Text, Audio {}

  record Text(String text) implements Part {}

  record Audio(AudioChunk audio) implements Part {}

  record Message(ContextTurn.Role role, List<Part> parts) {
    boolean hasAudio() {
      return parts.stream().anyMatch(p -> p instanceof Audio);
    }
  }

  boolean hasAudio() {
    return messages.stream().anyMatch(Message::hasAudio);
  }

  static ChatRequest parse(JsonNode body) {
    String model = Bodies.requiredString(body, "model");
    if (model.isBlank()) throw OpenAiError.missing("model").failure();
    JsonNode messages = body.get("messages");
    if (messages == null || messages.isNull()) throw OpenAiError.missing("messages").failure();
    if (!messages.isArray()) throw Bodies.wrongType("messages", "an array", messages).failure();
    if (messages.isEmpty()) {
      throw OpenAiError.invalid("messages is empty: send at least the user's message.", "messages", "empty_array").failure();
    }
    boolean stream = Bodies.optionalBoolean(body, "stream");
    boolean includeUsage = false;
    JsonNode options = body.get("stream_options");
    if (options != null && !options.isNull()) {
      if (!options.isObject()) throw Bodies.wrongType("stream_options", "an object", options).failure();
      includeUsage = Bodies.optionalBoolean(options, "include_usage");
    }
    refuseUnsupported(body);

    List<String> system = new ArrayList<>();
    List<Message> conversation = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String at = "messages[" + i + "]";
      if (!m.isObject()) throw Bodies.wrongType(at, "an object", m).failure();
      JsonNode roleNode = m.get("role");
      if (roleNode == null || !roleNode.isTextual()) throw OpenAiError.missing(at + ".role").failure();
      String role = roleNode.asText();
      switch (role) {
        case "system", "developer" -> system.add(text(parts(m, at, false)));
        case "user" -> conversation.add(new Message(ContextTurn.Role.USER, parts(m, at, true)));
        case "assistant" -> {
          JsonNode calls = m.get("tool_calls");
          if (calls != null && calls.isArray() && !calls.isEmpty() || m.hasNonNull("function_call")) {
            throw OpenAiError.unsupported("Tool calls are not supported: Hearth's brain does not call tools.", at + ".tool_calls")
                .failure();
          }
          List<Part> parts = m.hasNonNull("content") ? parts(m, at, false) : List.of();
          if (!parts.isEmpty()) conversation.add(new Message(ContextTurn.Role.ASSISTANT, parts));
        }
        case "tool", "function" -> throw OpenAiError.unsupported("Messages of role '" + role + "' are not supported: "
            + "Hearth's brain does not call tools.", at + ".role").failure();
        default -> throw OpenAiError.invalid("Invalid value: '" + role + "'. Supported roles are: 'system', 'developer', "
            + "'user' and 'assistant'.", at + ".role", "invalid_value").failure();
      }
    }
    if (conversation.isEmpty() || conversation.get(conversation.size() - 1).role() != ContextTurn.Role.USER) {
      throw OpenAiError.invalid("The last user or assistant message must be the user's: it is the question the brain "
          + "answers.", "messages", "invalid_value").failure();
    }
    String prompt = String.join("\n\n", system).strip();
    return new ChatRequest(model, prompt.isEmpty() ? Optional.empty() : Optional.of(prompt), conversation, stream,
        includeUsage);
  }

  /** Settings whose meaning Hearth cannot honour, so that ignoring them would give a wrong answer. */
  private static void refuseUnsupported(JsonNode body) {
    JsonNode n = body.get("n");
    if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.asInt() == 1)) {
      throw OpenAiError.unsupported("n must be 1: the brain gives one answer.", "n").failure();
    }
    JsonNode modalities = body.get("modalities");
    if (modalities != null && modalities.isArray()) {
      for (JsonNode m : modalities) {
        if (!"text".equals(m.asText())) {
          throw OpenAiError.unsupported("Only text output is supported here; for speech, send the answer to "
              + "/v1/audio/speech.", "modalities").failure();
        }
      }
    }
    JsonNode format = body.get("response_format");
    if (format != null && !format.isNull() && !"text".equals(format.path("type").asText())) {
      throw OpenAiError.unsupported("response_format must be {\"type\": \"text\"}: the brain cannot promise JSON.",
          "response_format").failure();
    }
    JsonNode choice = body.get("tool_choice");
    if (choice != null && !choice.isNull() && !(choice.isTextual() && Optional.of(choice.asText())
        .filter(c -> c.equals("none") || c.equals("auto")).isPresent())) {
      throw OpenAiError.unsupported("tool_choice can only be 'none' or 'auto': Hearth's brain does not call tools.",
          "tool_choice").failure();
    }
  }

  /** A message's content: a string, or an array of parts. */
  private static List<Part> parts(JsonNode message, String at, boolean audioAllowed) {
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) throw OpenAiError.missing(at + ".content").failure();
    if (content.isTextual()) return List.of(new Text(content.asText()));
    if (!content.isArray()) throw Bodies.wrongType(at + ".content", "a string or an array of parts", content).failure();
    List<Part> parts = new ArrayList<>();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String partAt = at + ".content[" + j + "]";
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> parts.add(new Text(Bodies.requiredString(part, "text")));
        case "refusal" -> parts.add(new Text(Bodies.requiredString(part, "refusal")));
        case "input_audio" -> {
          if (!audioAllowed) {
            throw OpenAiError.invalid("Only user messages may carry audio.", partAt + ".type", "invalid_value").failure();
          }
          parts.add(new Audio(audio(part.path("input_audio"), partAt + ".input_audio")));
        }
        case "image_url", "file" -> throw OpenAiError.unsupported("Content parts of type '" + type + "' are not "
            + "supported: Hearth's brain reads text (and WAV audio, which it transcribes).", partAt + ".type").failure();
        default -> throw OpenAiError.invalid("Invalid value: '" + type + "'. Supported content part types are: 'text' "
            + "and 'input_audio'.", partAt + ".type", "invalid_value").failure();
      }
    }
    return parts;
  }

  private static AudioChunk audio(JsonNode input, String at) {
    String format = input.path("format").asText("");
    if (!format.equals("wav")) {
      throw OpenAiError.unsupported("input_audio.format '" + format + "' is not supported: Hearth transcribes WAV only "
          + "offline (convert with `ffmpeg -i in.mp3 -ar 16000 -ac 1 out.wav`).", at + ".format").failure();
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(input.path("data").asText(""));
    } catch (IllegalArgumentException e) {
      throw OpenAiError.invalid("input_audio.data is not base64: " + e.getMessage(), at + ".data", "invalid_value").failure();
    }
    return AudioUpload.decode(bytes, "input_audio", at + ".data");
  }

  /** A message's text when it may hold no audio. */
  private static String text(List<Part> parts) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) out.append(out.length() > 0 ? "\n" : "").append(t.text());
    }
    return out.toString();
  }
}
