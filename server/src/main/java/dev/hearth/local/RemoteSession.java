package dev.hearth.local;

import dev.hearth.audio.AudioFormat;
import dev.hearth.protocol.ClientMessage;
import dev.hearth.protocol.ProtocolException;
import dev.hearth.protocol.ServerMessage;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A voice session on a Hearth server elsewhere, over the same {@code /ws} protocol a browser speaks: a satellite's
 * way to the server. What the server sends goes to the client's {@link ClientLink} as if the session were local.
 * Sends leave in order from one thread ({@code hearth-satellite}); a dropped connection is retried with backoff
 * (0.5 s doubling to 8 s), and a press while it is down is refused with an error the lights show.
 */
public final class RemoteSession implements VoiceSession {
  private static final Logger log = LoggerFactory.getLogger(RemoteSession.class);
  private static final long FIRST_RETRY_MILLIS = 500;
  private static final long LAST_RETRY_MILLIS = 8000;

  private final URI server;
  private final HttpClient http;
  private final ClientLink link;
  private final ExecutorService sender;
  private final ScheduledExecutorService retries;
  private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
  private final StringBuilder partialText = new StringBuilder();
  private volatile WebSocket socket;
  private volatile State state = State.IDLE;
  private volatile boolean closed;
  private long retryMillis = FIRST_RETRY_MILLIS;

  /** Connects to {@code server} ({@code wss://host:8443/ws}), trusting what {@code tls} trusts. */
  public RemoteSession(URI server, SSLContext tls, ClientLink link) {
    this.server = server;
    this.link = link;
    this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    this.sender = Executors.newSingleThreadExecutor(r -> daemon(r, "hearth-satellite"));
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hearth-satellite-retry"));
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
    http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(server, new Listener())
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
    socket = ws;
    retryMillis = FIRST_RETRY_MILLIS;
    log.info("connected to the Hearth server {}", server);
  }

  private synchronized void retryLater() {
    if (closed) return;
    long delay = retryMillis;
    retryMillis = Math.min(LAST_RETRY_MILLIS, retryMillis * 2);
    retries.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) e = e.getCause();
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
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
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      lost("closed by the server (" + statusCode + (reason.isEmpty() ? "" : ", " + reason) + ")");
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      lost(rootMessage(error));
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

  private void lost(String why) {
    socket = null;
    if (closed) return;
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
    sender.execute(() -> ws.sendText(message.toJson(), true).join());
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
    sender.execute(() -> ws.sendBinary(ByteBuffer.wrap(pcm), true).join());
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
    retries.shutdownNow();
  }
}
