package dev.hearth.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads one streamed Chat Completion (server-sent events) on the calling thread: the status, then each {@code data:}
 * line's piece of text, until {@code [DONE]}, an error, a deadline or cancellation. The HTTP client's threads only put
 * the status and lines into a queue; the caller takes them from it.
 */
final class ChatStream {
  private static final Object END = new Object();

  private final Connectivity connectivity;
  private final Consumer<String> deltas;
  private final BooleanSupplier cancelled;
  private final long firstMillis;
  private final long stallMillis;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final LineSubscriber lines = new LineSubscriber(queue);

  /** See {@link OpenAiClient#streamChat} for the limits. */
  ChatStream(Connectivity connectivity, Consumer<String> deltas, BooleanSupplier cancelled, long firstMillis, long stallMillis) {
    this.connectivity = connectivity;
    this.deltas = deltas;
    this.cancelled = cancelled;
    this.firstMillis = firstMillis;
    this.stallMillis = stallMillis;
  }

  /** Sends the request with {@code send} (given the handler that feeds this stream) and reads the answer. */
  OpenAiClient.ChatText read(Function<BodyHandler<Void>, CompletableFuture<HttpResponse<Void>>> send) throws OpenAiException {
    BodyHandler<Void> handler = info -> {
      queue.add(info.statusCode());
      return BodySubscribers.fromLineSubscriber(lines);
    };
    CompletableFuture<HttpResponse<Void>> call = send.apply(handler);
    call.whenComplete((r, e) -> queue.add(e != null ? e : END));
    StringBuilder text = new StringBuilder();
    StringBuilder errorBody = new StringBuilder();
    String finish = "";
    int status = -1;
    long textByNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(firstMillis);
    try {
      while (true) {
        Object item = poll(textByNanos);
        if (item == null) {
          throw text.length() == 0 ? OpenAiException.timeout("waiting for the first words", firstMillis)
              : OpenAiException.timeout("waiting for more words", stallMillis);
        }
        if (item instanceof Integer code) {
          status = code;
          if (status / 100 == 2) connectivity.succeeded(); // reached, and the key taken, however long the words take
        } else if (item instanceof Throwable t) {
          throw OpenAiException.connection("the chat request", OpenAiException.unwrap(t));
        } else if (item == END) {
          if (status / 100 != 2) throw OpenAiException.http(status, errorBody.toString());
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
          JsonNode chunk = OpenAiClient.parse(data);
          if (chunk.hasNonNull("error")) throw OpenAiException.of(0, chunk); // an error event in the stream, after a 200
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
    return new OpenAiClient.ChatText(text.toString(), finish);
  }

  /** The next item, or null once {@code deadlineNanos} (on the {@link System#nanoTime} scale) has passed. */
  private Object poll(long deadlineNanos) throws OpenAiException {
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
}
