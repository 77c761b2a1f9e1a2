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
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
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
  private static final Object END = new Object();

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
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    LineSubscriber lines = new LineSubscriber(queue);
    BodyHandler<Void> handler = info -> {
      queue.add(info.statusCode());
      return BodySubscribers.fromLineSubscriber(lines);
    };
    CompletableFuture<HttpResponse<Void>> call = http.sendAsync(jsonRequest("/chat/completions", body, null), handler);
    call.whenComplete((r, e) -> queue.add(e != null ? e : END));
    StringBuilder text = new StringBuilder();
    StringBuilder errorBody = new StringBuilder();
    String finish = "";
    int status = -1;
    long textByNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(firstMillis);
    try {
      while (true) {
        Object item = poll(queue, textByNanos, cancelled);
        if (item == null) {
          throw text.length() == 0 ? OpenAiException.timeout("waiting for the first words", firstMillis)
              : OpenAiException.timeout("waiting for more words", stallMillis);
        }
        if (item instanceof Integer code) {
          status = code;
          if (status / 100 == 2) connectivity.succeeded(); // reached, and the key taken, however long the words take
        } else if (item instanceof Throwable t) {
          throw OpenAiException.connection("the chat request", unwrap(t));
        } else if (item == END) {
          if (status / 100 != 2) throw httpError(status, errorBody.toString());
          if (finish.isEmpty()) throw new OpenAiException(OpenAiException.Kind.CONNECTION, status, "", "the stream ended without [DONE]");
          break;
        } else if (status / 100 != 2) {
          errorBody.append((String) item).append('\n');
        } else {
          String line = (String) item;
          if (!line.startsWith("data:")) continue; // blank separators, comments, event names
          String data = line.substring(5).strip();
          if (data.equals("[DONE]")) {
            if (finish.isEmpty()) finish = "stop";
            break;
          }
          JsonNode chunk = parse(data);
          if (chunk.hasNonNull("error")) throw errorOf(0, chunk); // an error event in the stream, after a 200
          JsonNode choice = chunk.path("choices").path(0);
          String piece = choice.path("delta").path("content").asText("");
          if (!piece.isEmpty()) {
            text.append(piece);
            deltas.accept(piece);
            textByNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stallMillis);
          }
          if (choice.hasNonNull("finish_reason")) finish = choice.get("finish_reason").asText();
        }
      }
    } catch (OpenAiException e) {
      call.cancel(true);
      lines.cancel();
      connectivity.failed(e);
      throw e;
    }
    lines.cancel();
    connectivity.succeeded();
    return new ChatText(text.toString(), finish);
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
      Throwable cause = unwrap(e);
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
      if (r.statusCode() / 100 != 2) throw new CompletionException(httpError(r.statusCode(), r.body()));
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
      if (r.statusCode() / 100 != 2) throw new CompletionException(httpError(r.statusCode(), r.body()));
    });
  }

  /** {@code GET /models}: the cheap call that tells whether OpenAI answers, and accepts the key. */
  public CompletableFuture<Void> probe(Duration timeout) {
    HttpRequest request = authorized("/models", timeout).GET().build();
    return send(request, "GET /models", timeout).thenAccept(r -> {
      if (r.statusCode() / 100 != 2) throw new CompletionException(httpError(r.statusCode(), r.body()));
    });
  }

  private CompletableFuture<HttpResponse<String>> send(HttpRequest request, String what, Duration timeout) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((r, e) -> {
          if (e != null) {
            Throwable cause = unwrap(e);
            OpenAiException failure = cause instanceof java.net.http.HttpTimeoutException
                ? OpenAiException.timeout(what, timeout.toMillis()) : OpenAiException.connection(what, cause);
            connectivity.failed(failure);
            throw new CompletionException(failure);
          }
          if (r.statusCode() / 100 == 2) connectivity.succeeded();
          else connectivity.failed(httpError(r.statusCode(), r.body()));
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

  /** The next item, or null once {@code deadlineNanos} (on the {@link System#nanoTime} scale) has passed. */
  private static Object poll(BlockingQueue<Object> queue, long deadlineNanos, BooleanSupplier cancelled) throws OpenAiException {
    try {
      while (true) {
        if (cancelled.getAsBoolean()) throw new OpenAiException(OpenAiException.Kind.CANCELLED, 0, "", "cancelled");
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) return null;
        Object item = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        if (item != null) return item;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenAiException(OpenAiException.Kind.CANCELLED, 0, "", "interrupted");
    }
  }

  private static JsonNode parseOrFail(int status, String body) {
    if (status / 100 != 2) throw new CompletionException(httpError(status, body));
    try {
      return parse(body);
    } catch (OpenAiException e) {
      throw new CompletionException(e);
    }
  }

  private static JsonNode parse(String text) throws OpenAiException {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new OpenAiException(OpenAiException.Kind.BAD_RESPONSE, 0, "", "the answer is not JSON: " + e.getOriginalMessage());
    }
  }

  /** An HTTP error, with OpenAI's {@code error.message} and {@code error.code} (or {@code type}) when the body has them. */
  static OpenAiException httpError(int status, String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.has("error")) return errorOf(status, node);
    } catch (JsonProcessingException e) {
      // not JSON: the status alone
    }
    return new OpenAiException(OpenAiException.Kind.HTTP, status, "", "HTTP " + status);
  }

  /** OpenAI's error object in {@code node}, answered with {@code status}, or 0 for an error event in a stream. */
  private static OpenAiException errorOf(int status, JsonNode node) {
    JsonNode error = node.get("error");
    String code = error.path("code").asText("");
    if (code.isEmpty() || code.equals("null")) code = error.path("type").asText("");
    String message = OpenAiException.redact(error.isTextual() ? error.asText() : error.path("message").asText(""));
    String head = status > 0 ? "HTTP " + status : "stream error";
    return new OpenAiException(OpenAiException.Kind.HTTP, Math.max(status, 0), code,
        head + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message));
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Feeds the response's lines into the reader's queue; the reader can cancel it. */
  private static final class LineSubscriber implements Flow.Subscriber<String> {
    private final BlockingQueue<Object> queue;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    LineSubscriber(BlockingQueue<Object> queue) {
      this.queue = queue;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) s.cancel();
      else s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      queue.add(line);
    }

    @Override
    public void onError(Throwable t) {
      // the send future completes exceptionally too, and that is what the reader sees
    }

    @Override
    public void onComplete() {
      // likewise: END comes from the send future
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) s.cancel();
    }
  }

  /** The error to show for a call that failed, as one line. */
  public static String describe(Throwable t) {
    Throwable cause = unwrap(t);
    return cause instanceof OpenAiException o ? o.getMessage() : Optional.ofNullable(cause.getMessage()).orElse(cause.toString());
  }
}
