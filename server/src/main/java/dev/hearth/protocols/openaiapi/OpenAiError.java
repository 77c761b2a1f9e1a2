package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import dev.hearth.sched.Busy;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An error of the {@code /v1} API in OpenAI's shape: {@code {"error": {"message", "type", "param", "code"}}} with an
 * HTTP status. The official SDKs turn the status into a typed error and show {@code message}; they retry 408, 409, 429
 * and 5xx unless the response says {@code x-should-retry: false}, which every 5xx of Hearth does (its failures are
 * deterministic, and a retry would only redo the speech or model work).
 *
 * @param param the request field at fault, or null
 * @param code a machine-readable reason, or null
 */
record OpenAiError(int status, String message, String type, String param, String code) {
  static final String INVALID_REQUEST = "invalid_request_error";
  static final String SERVER_ERROR = "server_error";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 400: the request is wrong in a way the message explains. */
  static OpenAiError invalid(String message, String param, String code) {
    return new OpenAiError(400, message, INVALID_REQUEST, param, code);
  }

  /** 400: a required field is absent. */
  static OpenAiError missing(String param) {
    return invalid("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
  }

  /** 400: a value OpenAI accepts but Hearth does not support. */
  static OpenAiError unsupported(String message, String param) {
    return invalid(message, param, "unsupported_value");
  }

  /** 404: a model this server does not have, in OpenAI's words. */
  static OpenAiError modelNotFound(String model) {
    return new OpenAiError(404, "The model `" + model + "` does not exist or you do not have access to it. "
        + "GET /v1/models lists this server's models.", INVALID_REQUEST, "model", "model_not_found");
  }

  /** 503: this front end is serving its share of requests already; worth retrying after {@code Retry-After}. */
  static OpenAiError busy(String message) {
    return new OpenAiError(503, message, SERVER_ERROR, null, "server_busy");
  }

  /** 500: Hearth failed; never worth retrying. */
  static OpenAiError server(String message, String code) {
    return new OpenAiError(500, message, SERVER_ERROR, null, code);
  }

  /** The body: {@code {"error": {...}}}, with {@code param} and {@code code} as null when unset. */
  ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message).put("type", type).put("param", param).put("code", code);
    return root;
  }

  /** Writes this error as the response (which must not be committed yet). */
  void writeTo(Context ctx) {
    if (status >= 500 && status != 503) ctx.header("x-should-retry", "false");
    ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(toJson().toString());
  }

  Failure failure() {
    return new Failure(this);
  }

  /** The error a handler's failure stands for: its own, or a 500 naming {@code what} failed. */
  static OpenAiError of(Throwable thrown, String what, String code) {
    Throwable t = thrown;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof Failure f) return f.error();
    if (t instanceof Busy) return busy(t.getMessage());
    return server(what + " failed: " + t.getMessage(), code);
  }

  /** Thrown by a handler to answer with {@link #error()}; carries no stack trace. */
  static final class Failure extends RuntimeException {
    private final OpenAiError error;

    Failure(OpenAiError error) {
      super(error.status() + " " + error.message(), null, false, false);
      this.error = error;
    }

    OpenAiError error() {
      return error;
    }
  }
}
