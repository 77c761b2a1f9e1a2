package dev.hearth.compat.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Reading and checking the JSON bodies of {@code /v1} requests, with OpenAI's errors for what is wrong. */
final class Bodies {
  /** The largest JSON body taken where no other limit is given. */
  static final long DEFAULT_MAX_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Bodies() {}

  /** The body as a JSON object of at most {@link #DEFAULT_MAX_BYTES}. */
  static JsonNode object(Context ctx) {
    return object(ctx, DEFAULT_MAX_BYTES);
  }

  /** The body as a JSON object; 400 for anything else, 413 beyond {@code maxBytes}. */
  static JsonNode object(Context ctx, long maxBytes) {
    byte[] body = read(ctx, maxBytes);
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JacksonException e) {
      throw OpenAiError.invalid("We could not parse the JSON body of your request: " + e.getOriginalMessage()
          + ". Send a JSON object with Content-Type: application/json.", null, "invalid_json").failure();
    } catch (IOException e) {
      throw OpenAiError.invalid("The request body could not be read: " + e.getMessage(), null, "invalid_json").failure();
    }
    if (node == null || !node.isObject()) {
      throw OpenAiError.invalid("The request body must be a JSON object.", null, "invalid_json").failure();
    }
    return node;
  }

  private static byte[] read(Context ctx, long maxBytes) {
    if (ctx.req().getContentLengthLong() > maxBytes) throw tooLarge(maxBytes).failure();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try (InputStream in = ctx.req().getInputStream()) {
      int n;
      while ((n = in.read(buf)) != -1) {
        if (out.size() + n > maxBytes) throw tooLarge(maxBytes).failure();
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw OpenAiError.invalid("The request body could not be read: " + e.getMessage(), null, "invalid_json").failure();
    }
    return out.toByteArray();
  }

  private static OpenAiError tooLarge(long maxBytes) {
    return new OpenAiError(413, "The request body is larger than this server takes here (" + maxBytes + " bytes).",
        OpenAiError.INVALID_REQUEST, null, "request_too_large");
  }

  /** A string field that must be present. */
  static String requiredString(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) throw OpenAiError.missing(field).failure();
    if (!value.isTextual()) throw wrongType(field, "a string", value).failure();
    return value.asText();
  }

  /** A string field that may be absent (or null), then {@code fallback}. */
  static String optionalString(JsonNode body, String field, String fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) return fallback;
    if (!value.isTextual()) throw wrongType(field, "a string", value).failure();
    return value.asText();
  }

  /** A boolean field that may be absent (or null), then false. */
  static boolean optionalBoolean(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) return false;
    if (!value.isBoolean()) throw wrongType(field, "a boolean", value).failure();
    return value.asBoolean();
  }

  static OpenAiError wrongType(String field, String expected, JsonNode got) {
    return OpenAiError.invalid("Invalid type for '" + field + "': expected " + expected + ", but got "
        + got.getNodeType().name().toLowerCase(Locale.ROOT) + ".", field, "invalid_type");
  }
}
