package dev.hearth.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.Map;

/**
 * An HTTP API error, answered as {@code {"error": {"code", "message"}}} with {@code status}. Codes are those of
 * docs/protocol.md: {@code bad_json}, {@code bad_request} (400), {@code not_found} (404).
 */
public record ApiError(int status, String code, String message) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static ApiError badJson(String message) {
    return new ApiError(400, "bad_json", message);
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  /** Writes this error as the response. */
  public void writeTo(Context ctx) {
    try {
      byte[] body = MAPPER.writeValueAsBytes(Map.of("error", Map.of("code", code, "message", message)));
      ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error as JSON", e);
    }
  }

  /** An exception carrying this error, for a handler to throw; see {@link #install}. */
  public Failure failure() {
    return new Failure(this);
  }

  /** Answers every {@link Failure} a handler throws with its error. Call once per app; calling again is harmless. */
  public static void install(RoutesConfig routes) {
    routes.exception(Failure.class, (e, ctx) -> e.error().writeTo(ctx));
  }

  /** Thrown by a handler to answer with {@link #error()}; carries no stack trace. */
  public static final class Failure extends RuntimeException {
    private final ApiError error;

    Failure(ApiError error) {
      super(error.code() + ": " + error.message(), null, false, false);
      this.error = error;
    }

    public ApiError error() {
      return error;
    }
  }
}
