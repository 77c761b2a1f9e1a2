package dev.hearth.satellite;

import dev.hearth.protocols.page.ProtocolException;
import dev.hearth.protocols.page.ServerMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket to a Hearth server's {@code /ws} that keeps itself up: a failed connect or a dropped connection is
 * retried with backoff (0.5 s doubling to 8 s); while connected the server is pinged every {@code pingMillis}, and when
 * nothing at all (a pong, a message, audio) has come from it for {@code silentMillis} the connection is taken as lost.
 * Sends leave in order from one thread ({@code hearth-satellite}); what arrives goes to the {@link Receiver}.
 */
final class ServerConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
  private static final long FIRST_RETRY_MILLIS = 500;
  private static final long LAST_RETRY_MILLIS = 8000;

  /** Where what the server sends goes, on the HTTP client's (or the timer's) threads. */
  interface Receiver {
    void message(ServerMessage message);

    void audio(byte[] pcm);

    /** An established connection is gone (closed, failed, or silent too long); a new one is being tried. */
    void lost();
  }

  private final URI server;
  private final Optional<String> token;
  private final HttpClient http;
  private final Receiver receiver;
  private final ExecutorService sender;
  private final ScheduledExecutorService timer;
  private final long pingMillis;
  private final long silentMillis;
  private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
  private final StringBuilder partialText = new StringBuilder();
  private volatile WebSocket socket;
  private volatile boolean closed;
  /** {@link System#nanoTime()} when the server was last heard from. */
  private volatile long lastHeardNanos;
  private ScheduledFuture<?> liveness;
  private long retryMillis = FIRST_RETRY_MILLIS;

  /** Starts connecting to {@code server}, trusting what {@code tls} trusts, sending {@code token} as a bearer token. */
  ServerConnection(URI server, SSLContext tls, Optional<String> token, long pingMillis, long silentMillis, Receiver receiver) {
    if (silentMillis <= pingMillis) throw new IllegalArgumentException("the silence allowed must be longer than the ping interval");
    this.server = server;
    this.token = token;
    this.receiver = receiver;
    this.pingMillis = pingMillis;
    this.silentMillis = silentMillis;
    this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    this.sender = Executors.newSingleThreadExecutor(r -> daemon(r, "hearth-satellite"));
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hearth-satellite-timer"));
    connect();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  URI server() {
    return server;
  }

  boolean connected() {
    return socket != null;
  }

  /** Sends {@code json} as a text message, in order; dropped while disconnected. */
  void sendText(String json) {
    WebSocket ws = socket;
    if (ws == null) return;
    sendOn(ws, () -> ws.sendText(json, true));
  }

  /** Sends {@code pcm} as a binary message, in order; dropped while disconnected. */
  void sendBinary(byte[] pcm) {
    WebSocket ws = socket;
    if (ws == null) return;
    sendOn(ws, () -> ws.sendBinary(ByteBuffer.wrap(pcm), true));
  }

  private void connect() {
    if (closed) return;
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    builder.buildAsync(server, new Listener())
        .whenComplete((ws, error) -> {
          if (error != null) {
            log.warn("cannot reach the Hearth server {} ({}); trying again in {} ms", server, rootMessage(error), retryMillis);
            retryLater();
          } else {
            onConnected(ws);
          }
        });
  }

  private synchronized void onConnected(WebSocket ws) {
    if (closed) {
      ws.abort();
      return;
    }
    heard();
    socket = ws;
    retryMillis = FIRST_RETRY_MILLIS;
    liveness = timer.scheduleAtFixedRate(() -> checkLiveness(ws), pingMillis, pingMillis, TimeUnit.MILLISECONDS);
    log.info("connected to the Hearth server {}", server);
  }

  private void heard() {
    lastHeardNanos = System.nanoTime();
  }

  /** On the timer: gives {@code ws} up when the server has been silent too long, else pings it. */
  private void checkLiveness(WebSocket ws) {
    long silentFor = (System.nanoTime() - lastHeardNanos) / 1_000_000;
    if (silentFor >= silentMillis) {
      lost(ws, "no answer from the server for " + silentFor + " ms");
      ws.abort();
    } else if (socket == ws) {
      sendOn(ws, () -> ws.sendPing(ByteBuffer.allocate(0)));
    }
  }

  private synchronized void retryLater() {
    if (closed) return;
    long delay = retryMillis;
    retryMillis = Math.min(LAST_RETRY_MILLIS, retryMillis * 2);
    timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  /** {@code ws} is gone: the receiver hears it and a new connection is tried, once per socket. */
  private void lost(WebSocket ws, String why) {
    synchronized (this) {
      if (socket != ws) return;
      socket = null;
      if (liveness != null) liveness.cancel(false);
      if (closed) return;
    }
    log.warn("lost the Hearth server {}: {}; reconnecting", server, why);
    receiver.lost();
    retryLater();
  }

  /** Sends on the sender thread, in order; a send that fails (the connection is going) is dropped with the connection. */
  private void sendOn(WebSocket ws, Supplier<CompletableFuture<WebSocket>> send) {
    try {
      sender.execute(() -> {
        try {
          send.get().join();
        } catch (CompletionException | IllegalStateException e) {
          log.debug("send to {} failed: {}", server, rootMessage(e));
        }
      });
    } catch (RejectedExecutionException e) {
      log.debug("send to {} after close dropped", server);
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) e = e.getCause();
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Stops reconnecting, says goodbye (waiting up to 2 s, else aborts) and stops the threads. */
  @Override
  public void close() {
    closed = true;
    WebSocket ws = socket;
    if (ws != null) {
      CompletableFuture<?> bye = CompletableFuture.runAsync(() -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "satellite stopping").join(), sender);
      try {
        bye.get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        ws.abort();
      }
    }
    sender.shutdownNow();
    timer.shutdownNow();
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      heard();
      partialText.append(data);
      if (last) {
        String json = partialText.toString();
        partialText.setLength(0);
        try {
          receiver.message(ServerMessage.fromJson(json));
        } catch (ProtocolException e) {
          log.warn("the server sent what this satellite does not understand: {}", e.getMessage());
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      heard();
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      partialBinary.writeBytes(chunk);
      if (last) {
        receiver.audio(partialBinary.toByteArray());
        partialBinary.reset();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
      heard();
      return WebSocket.Listener.super.onPing(ws, message); // answers with a pong
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
      heard();
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      lost(ws, "closed by the server (" + statusCode + (reason.isEmpty() ? "" : ", " + reason) + ")");
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      lost(ws, rootMessage(error));
    }
  }
}
