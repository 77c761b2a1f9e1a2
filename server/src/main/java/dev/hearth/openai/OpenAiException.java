package dev.hearth.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An OpenAI call that did not succeed: an HTTP error with OpenAI's {@code {"error": {...}}} body, a timeout, or a
 * connection that failed or dropped. {@link #getMessage()} is one line for logs and status, and never holds the key.
 */
public final class OpenAiException extends Exception {
  public enum Kind { HTTP, TIMEOUT, CONNECTION, CANCELLED, BAD_RESPONSE }

  private final Kind kind;
  private final int status;
  private final String code;

  public OpenAiException(Kind kind, int status, String code, String message) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.code = code;
  }

  public Kind kind() { return kind; }
  /** The HTTP status, or 0 when there was no response. */
  public int status() { return status; }
  /** OpenAI's error code or type, e.g. {@code rate_limit_exceeded}, {@code invalid_api_key}; empty when none. */
  public String code() { return code; }

  /** {@code text} with anything that looks like an API key ({@code sk-...}, {@code ek_...}) cut short. */
  static String redact(String text) {
    return text.replaceAll("\\b(sk|ek)([-_])[A-Za-z0-9_*.\\-]{4,}", "$1$2…");
  }

  static OpenAiException timeout(String what, long millis) {
    return new OpenAiException(Kind.TIMEOUT, 0, "", what + " timed out after " + millis + " ms");
  }

  static OpenAiException connection(String what, Throwable cause) {
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new OpenAiException(Kind.CONNECTION, 0, "", what + " failed: " + detail);
  }

  /** An HTTP error, with OpenAI's {@code error.message} and {@code error.code} (or {@code type}) when the body has them. */
  static OpenAiException http(int status, String body) {
    try {
      JsonNode node = OpenAiClient.JSON.readTree(body);
      if (node != null && node.has("error")) return of(status, node);
    } catch (JsonProcessingException e) {
      // not JSON: the status alone
    }
    return new OpenAiException(Kind.HTTP, status, "", "HTTP " + status);
  }

  /** OpenAI's error object in {@code node}, answered with {@code status}, or 0 for an error event in a stream. */
  static OpenAiException of(int status, JsonNode node) {
    JsonNode error = node.get("error");
    String code = error.path("code").asText("");
    if (code.isEmpty() || code.equals("null")) code = error.path("type").asText("");
    String message = redact(error.isTextual() ? error.asText() : error.path("message").asText(""));
    String head = status > 0 ? "HTTP " + status : "stream error";
    return new OpenAiException(Kind.HTTP, Math.max(status, 0), code,
        head + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message));
  }

  /** What failed inside the wrappers of asynchronous calls. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
