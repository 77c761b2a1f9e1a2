package dev.hearth.llm.text;

import java.util.Map;

/** One turn of a conversation as a chat template sees it: {@code role} is "system", "user" or "assistant". */
public record ChatMessage(String role, String content) {

  public static ChatMessage system(String content) { return new ChatMessage("system", content); }
  public static ChatMessage user(String content) { return new ChatMessage("user", content); }
  public static ChatMessage assistant(String content) { return new ChatMessage("assistant", content); }

  /** The dictionary a Hugging Face template indexes ({@code message['role']}, {@code message.content}). */
  Map<String, Object> asTemplateValue() {
    return Map.of("role", role, "content", content);
  }
}
