package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

  /**
   * The body as a JSON object; 400 for anything else, 413 beyond {@code maxBytes}. The JSON is parsed straight from
   * the request as it arrives, counted on the way, so the body is never held as bytes too and a chunked body over
   * the limit is refused as soon as it passes it.
   */
  static JsonNode object(Context ctx, long maxBytes) {
    if (ctx.req().getContentLengthLong() > maxBytes) throw tooLarge(maxBytes).failure();
    JsonNode node;
    try (InputStream in = new Capped(ctx.req().getInputStream(), maxBytes)) {
      node = JSON.readTree(in);
      // the parser stops at the object's end: read on to the body's end, so a body cut short of its Content-Length
      // is an error rather than a request answered while its client still owes bytes
      in.transferTo(OutputStream.nullOutputStream());
    } catch (TooLarge e) {
      throw tooLarge(maxBytes).failure();
    } catch (JacksonException e) {
      throw OpenAiError.invalid("We could not parse the JSON body of your request: " + e.getOriginalMessage()
          + ". Send a JSON object with Content-Type: application/json.", null, "invalid_json").failure();
    } catch (IOException e) {
      throw OpenAiError.invalid("The request body could not be read: " + e.getMessage(), null, "invalid_json").failure();
    }
    if (node == null || node.isMissingNode() || !node.isObject()) {
      throw OpenAiError.invalid("The request body must be a JSON object.", null, "invalid_json").failure();
    }
    return node;
  }

  /** Thrown by {@link Capped} past its limit. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("request body too large");
    }
  }

  /** An input stream that throws {@link TooLarge} once more than {@code max} bytes have been read from it. */
  private static final class Capped extends FilterInputStream {
    private final long max;
    private long read;

    Capped(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count(1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count(n);
      return n;
    }

    private void count(long n) throws TooLarge {
      read += n;
      if (read > max) throw new TooLarge();
    }
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
