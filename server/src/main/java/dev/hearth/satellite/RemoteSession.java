package dev.hearth.satellite;

import dev.hearth.audio.AudioFormat;
import dev.hearth.protocols.page.ClientMessage;
import dev.hearth.protocols.page.ProtocolException;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.TurnController.State;
import dev.hearth.turn.VoiceSession;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A voice session on a Hearth server elsewhere, over the same {@code /ws} protocol a browser speaks: a satellite's
 * way to the server. What the server sends goes to the client's {@link ClientLink} as if the session were local.
 * Sends leave in order from one thread ({@code hearth-satellite}); a dropped connection is retried with backoff
 * (0.5 s doubling to 8 s), and a press while it is down is refused with an error the lights show.
 *
 * <p>Liveness: a server that dies without closing the connection (power lost, network gone) would leave a turn
 * waiting until TCP gives up, minutes later. So the satellite pings the server every {@link #PING_MILLIS} ms, and
 * when nothing at all (a pong, a message, audio) has come from it for {@link #SILENT_MILLIS} ms the connection is
 * taken as lost: aborted, the turn ended with {@code server_unreachable}, and reconnected with the same backoff.
 */
public final class RemoteSession implements VoiceSession {
  private static final Logger log = LoggerFactory.getLogger(RemoteSession.class);
  private static final long FIRST_RETRY_MILLIS = 500;
  private static final long LAST_RETRY_MILLIS = 8000;
  /** How often the server is pinged while connected. */
  static final long PING_MILLIS = 5000;
  /** How long the server may be silent (not even a pong) before the connection is taken as lost. */
  static final long SILENT_MILLIS = 15_000;

  private final URI server;
  private final Optional<String> token;
  private final HttpClient http;
  private final ClientLink link;
  private final ExecutorService sender;
  private final ScheduledExecutorService timer;
  private final long pingMillis;
  private final long silentMillis;
  private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
  private final StringBuilder partialText = new StringBuilder();
  private volatile WebSocket socket;
  private volatile State state = State.IDLE;
  private volatile boolean closed;
  /** {@link System#nanoTime()} when the server was last heard from. */
  private volatile long lastHeardNanos;
  private ScheduledFuture<?> liveness;
  private long retryMillis = FIRST_RETRY_MILLIS;

  /** Connects to {@code server} ({@code wss://host:8443/ws}), trusting what {@code tls} trusts. */
  public RemoteSession(URI server, SSLContext tls, ClientLink link) {
    this(server, tls, link, PING_MILLIS, SILENT_MILLIS, Optional.empty());
  }

  /** As above, sending {@code token} (a paired device's, README "Pairing a phone") as {@code Authorization: Bearer}. */
  public RemoteSession(URI server, SSLContext tls, ClientLink link, Optional<String> token) {
    this(server, tls, link, PING_MILLIS, SILENT_MILLIS, token);
  }

  /** As above, pinging every {@code pingMillis} and giving the server up after {@code silentMillis} of silence. */
  public RemoteSession(URI server, SSLContext tls, ClientLink link, long pingMillis, long silentMillis) {
    this(server, tls, link, pingMillis, silentMillis, Optional.empty());
  }

  private RemoteSession(URI server, SSLContext tls, ClientLink link, long pingMillis, long silentMillis, Optional<String> token) {
    this.token = token;
    if (silentMillis <= pingMillis) throw new IllegalArgumentException("the silence allowed must be longer than the ping interval");
    this.server = server;
    this.link = link;
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

  /** Whether the connection to the server is up. */
  public boolean connected() {
    return socket != null;
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

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) e = e.getCause();
    return e.getClass().getSimpleName() + ": " + e.getMessage();
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
          received(ServerMessage.fromJson(json));
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
        link.sendAudio(partialBinary.toByteArray());
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

  private void received(ServerMessage m) {
    if (m instanceof ServerMessage.AudioStart && state == State.THINKING) {
      enter(State.SPEAKING);
    } else if (m instanceof ServerMessage.TurnDone) {
      enter(State.IDLE);
    } else if (m instanceof ServerMessage.Error && state != State.LISTENING) {
      enter(State.IDLE);
    }
    link.send(m);
  }

  /** {@code ws} is gone (closed, failed, or silent too long): the turn ends and a new connection is tried, once per socket. */
  private void lost(WebSocket ws, String why) {
    synchronized (this) {
      if (socket != ws) return;
      socket = null;
      if (liveness != null) liveness.cancel(false);
      if (closed) return;
    }
    log.warn("lost the Hearth server {}: {}; reconnecting", server, why);
    if (state != State.IDLE) {
      enter(State.IDLE);
      link.send(new ServerMessage.Error("server_unreachable", "The Hearth server connection dropped.", null));
    }
    retryLater();
  }

  private void enter(State next) {
    if (next == state) return;
    state = next;
    for (Consumer<State> l : listeners) l.accept(next);
  }

  private void send(ClientMessage message) {
    WebSocket ws = socket;
    if (ws == null) return;
    sendOn(ws, () -> ws.sendText(message.toJson(), true));
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

  @Override
  public void start(AudioFormat format, String conversationId, String voice) {
    if (socket == null) {
      link.send(new ServerMessage.Error("server_unreachable", "The Hearth server " + server + " cannot be reached.", null));
      return;
    }
    enter(State.LISTENING);
    send(new ClientMessage.Start(format.rateHz(), "pcm_s16le", format.channels(), conversationId, voice));
  }

  @Override
  public void audio(byte[] pcm) {
    WebSocket ws = socket;
    if (ws == null || state != State.LISTENING) return;
    sendOn(ws, () -> ws.sendBinary(ByteBuffer.wrap(pcm), true));
  }

  @Override
  public void stop() {
    if (state != State.LISTENING) return;
    enter(State.THINKING);
    send(new ClientMessage.Stop());
  }

  @Override
  public void cancel() {
    if (state == State.IDLE) return;
    enter(State.IDLE);
    send(new ClientMessage.Cancel());
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public void onStateChange(Consumer<State> listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    closed = true;
    enter(State.CLOSED);
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
}
