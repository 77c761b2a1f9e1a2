package dev.hearth.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The OpenAI REST calls Hearth makes, on the JDK's HTTP client: streaming Chat Completions (SSE), JSON posts
 * (client secrets, audio chat), the Realtime calls endpoint (multipart offer, SDP answer), hang-up, and the model
 * list as a reachability probe. Works with any server that speaks the same API at {@code baseUrl}. Every outcome
 * is reported to {@link Connectivity}. The key goes only into the {@code Authorization} header.
 */
public final class OpenAiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String apiKey;
  private final HttpClient http;
  private final Connectivity connectivity;

  public OpenAiClient(String baseUrl, String apiKey, Connectivity connectivity) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.connectivity = connectivity;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  }

  public Connectivity connectivity() {
    return connectivity;
  }

  /** The result of a streamed chat completion: its whole text, and why it stopped ({@code stop}, {@code length}, ...). */
  public record ChatText(String text, String finishReason) {}

  /**
   * Streams {@code POST /chat/completions} ({@code body} gets {@code "stream": true}), passing each piece of text to
   * {@code deltas} on the calling thread as it arrives. Gives up when the first piece of text has not come within
   * {@code firstMillis} of the call, or no further text comes for {@code stallMillis} after a piece, or
   * {@code cancelled} turns true. Only text counts: the status line, keep-alive comments and chunks without text
   * (the role, an empty {@code content}) do not put either limit off.
   */
  public ChatText streamChat(ObjectNode body, Consumer<String> deltas, BooleanSupplier cancelled, long firstMillis,
      long stallMillis) throws OpenAiException {
    body.put("stream", true);
    return new ChatStream(connectivity, deltas, cancelled, firstMillis, stallMillis)
        .read(handler -> http.sendAsync(jsonRequest("/chat/completions", body, null), handler));
  }

  /** {@code POST path} with a JSON body, answered with JSON, without blocking the caller. */
  public CompletableFuture<JsonNode> postJson(String path, ObjectNode body, Duration timeout) {
    return send(jsonRequest(path, body, timeout), "POST " + path, timeout)
        .thenApply(r -> parseOrFail(r.statusCode(), r.body()));
  }

  /** {@code POST path} with a JSON body, blocking the calling thread (a brain thread) until the JSON answer. */
  public JsonNode postJsonBlocking(String path, ObjectNode body, Duration timeout, BooleanSupplier cancelled) throws OpenAiException {
    CompletableFuture<JsonNode> call = postJson(path, body, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        if (cancelled.getAsBoolean()) {
          call.cancel(true);
          throw new OpenAiException(OpenAiException.Kind.CANCELLED, 0, "", "cancelled");
        }
        try {
          return call.get(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          if (System.nanoTime() >= deadline) {
            call.cancel(true);
            throw OpenAiException.timeout("POST " + path, timeout.toMillis());
          }
        }
      }
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = OpenAiException.unwrap(e);
      throw cause instanceof OpenAiException o ? o : OpenAiException.connection("POST " + path, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new OpenAiException(OpenAiException.Kind.CANCELLED, 0, "", "interrupted");
    }
  }

  /** A Realtime call's answer: the SDP for the browser and the call's id (from {@code Location}). */
  public record CallAnswer(String sdp, String callId) {}

  /**
   * {@code POST /realtime/calls} as multipart/form-data with the browser's offer ({@code sdp}) and the session
   * ({@code session}), the unified interface: the standard key never leaves the server.
   */
  public CompletableFuture<CallAnswer> createCall(String offerSdp, ObjectNode session, Duration timeout) {
    String boundary = "hearth-" + UUID.randomUUID();
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    part(form, boundary, "sdp", "application/sdp", offerSdp);
    part(form, boundary, "session", "application/json", session.toString());
    form.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = authorized("/realtime/calls", timeout)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
        .build();
    return send(request, "POST /realtime/calls", timeout).thenApply(r -> {
      if (r.statusCode() / 100 != 2) throw new CompletionException(OpenAiException.http(r.statusCode(), r.body()));
      String location = r.headers().firstValue("Location").orElse("");
      String callId = location.substring(location.lastIndexOf('/') + 1);
      return new CallAnswer(r.body(), callId);
    });
  }

  /** {@code POST /realtime/calls/{id}/hangup}: ends a live call. */
  public CompletableFuture<Void> hangUp(String callId, Duration timeout) {
    HttpRequest request = authorized("/realtime/calls/" + callId + "/hangup", timeout)
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    return send(request, "POST /realtime/calls/{id}/hangup", timeout).thenAccept(r -> {
      if (r.statusCode() / 100 != 2) throw new CompletionException(OpenAiException.http(r.statusCode(), r.body()));
    });
  }

  /** {@code GET /models}: the cheap call that tells whether OpenAI answers, and accepts the key. */
  public CompletableFuture<Void> probe(Duration timeout) {
    HttpRequest request = authorized("/models", timeout).GET().build();
    return send(request, "GET /models", timeout).thenAccept(r -> {
      if (r.statusCode() / 100 != 2) throw new CompletionException(OpenAiException.http(r.statusCode(), r.body()));
    });
  }

  private CompletableFuture<HttpResponse<String>> send(HttpRequest request, String what, Duration timeout) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((r, e) -> {
          if (e != null) {
            Throwable cause = OpenAiException.unwrap(e);
            OpenAiException failure = cause instanceof java.net.http.HttpTimeoutException
                ? OpenAiException.timeout(what, timeout.toMillis()) : OpenAiException.connection(what, cause);
            connectivity.failed(failure);
            throw new CompletionException(failure);
          }
          if (r.statusCode() / 100 == 2) connectivity.succeeded();
          else connectivity.failed(OpenAiException.http(r.statusCode(), r.body()));
          return r;
        });
  }

  private HttpRequest jsonRequest(String path, ObjectNode body, Duration timeout) {
    return authorized(path, timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest.Builder authorized(String path, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + apiKey);
    if (timeout != null) b.timeout(timeout);
    return b;
  }

  private static void part(ByteArrayOutputStream form, String boundary, String name, String type, String value) {
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: " + type + "\r\n\r\n";
    form.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    form.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    form.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode parseOrFail(int status, String body) {
    if (status / 100 != 2) throw new CompletionException(OpenAiException.http(status, body));
    try {
      return parse(body);
    } catch (OpenAiException e) {
      throw new CompletionException(e);
    }
  }

  static JsonNode parse(String text) throws OpenAiException {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new OpenAiException(OpenAiException.Kind.BAD_RESPONSE, 0, "", "the answer is not JSON: " + e.getOriginalMessage());
    }
  }

  /** The error to show for a call that failed, as one line. */
  public static String describe(Throwable t) {
    Throwable cause = OpenAiException.unwrap(t);
    return cause instanceof OpenAiException o ? o.getMessage() : Optional.ofNullable(cause.getMessage()).orElse(cause.toString());
  }
}
