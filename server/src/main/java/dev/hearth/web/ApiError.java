package dev.hearth.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * An HTTP API error, answered as {@code {"error": {"code", "message"}}} with {@code status}. Codes are those of
 * docs/protocol.md: {@code bad_json}, {@code bad_request} (400), {@code forbidden_origin} (403), {@code not_found} (404),
 * {@code unknown_host} (403), {@code unpaired} (401), {@code wrong_code} (403), {@code too_many_attempts} (429),
 * {@code request_timeout} (408), {@code internal_error} (500).
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

  public static ApiError forbiddenOrigin(String message) {
    return new ApiError(403, "forbidden_origin", message);
  }

  /** 403: the Host header names neither this server nor an allowed origin (see {@link HostCheck}). */
  public static ApiError unknownHost(String message) {
    return new ApiError(403, "unknown_host", message);
  }

  /** 401: a device on another machine that is not paired (see {@link DeviceGate}). */
  public static ApiError unpaired(String message) {
    return new ApiError(401, "unpaired", message);
  }

  /**
   * An error no handler answered (see {@link UnexpectedErrors}): 500 {@code internal_error}, a fault in the server itself,
   * or Jetty's own refusal of the request, e.g. 408 {@code request_timeout} for a body that arrives too slowly.
   */
  static ApiError of(int status, String message) {
    String code = switch (status) {
      case 400 -> "bad_request";
      case 408 -> "request_timeout";
      case 413 -> "too_large";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
    return new ApiError(status, code, message);
  }

    /** Writes this error as the response. */
  public void writeTo(Context ctx) {
    ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(body());
  }

  /**
   * Writes this error straight to the servlet response and skips the handlers after this one: for
   * {@code wsBeforeUpgrade}, where Javalin sends no result and would go on to upgrade.
   */
  public void sendNow(Context ctx) throws IOException {
    byte[] body = body();
    HttpServletResponse res = ctx.res();
    res.setStatus(status);
    res.setContentType(ContentType.JSON);
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
    ctx.skipRemainingHandlers();
  }

  private byte[] body() {
    try {
      return MAPPER.writeValueAsBytes(Map.of("error", Map.of("code", code, "message", message)));
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
