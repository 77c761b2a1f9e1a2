package dev.hearth.protocols.vosk;

import dev.hearth.protocols.ProtocolServer;
import dev.hearth.config.ClientAddresses;
import dev.hearth.config.VoskServerConfig;
import dev.hearth.stt.VoskSpeechToText;
import dev.hearth.web.SessionLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vosk-server's WebSocket API (alphacep/vosk-server {@code websocket/asr_server.py}) on a port of its own, for the
 * programs written against it: a WebSocket upgrade on any path starts a stream of optional config, binary PCM and
 * eof/reset (see {@link VoskMessage}), each frame answered with Vosk's own JSON (see {@link VoskStream}). Like
 * vosk-server it checks no origin; it only transcribes. At most {@code vosk_server.max_sessions} connections are open
 * at once, {@code vosk_server.max_sessions_per_client} from one address; more are closed with 1013 and a reason. See
 * docs/vosk-server.md.
 *
 * <p>A bare Jetty, because each connection reads its next message only after answering the last one (explicit
 * demand), which Javalin's handlers do not offer. Jetty's own threads are named {@code hearth-vosk-*} and stopped
 * on {@link #close()}; Vosk runs on the app's STT executor.
 */
public final class VoskServer implements ProtocolServer {
  private static final Logger log = LoggerFactory.getLogger(VoskServer.class);
  /** How long {@link #close()} waits for open connections to free their recognizers. */
  private static final long RELEASE_WAIT_MILLIS = 5_000;

  private final VoskServerConfig config;
  private final String host;
  private final VoskSpeechToText stt;
  private final Executor sttPool;
  private final Server server;
  private final ServerConnector connector;
  private final Set<VoskSocket> sockets = ConcurrentHashMap.newKeySet();
  private final SessionLimits limits;
  /** Closes connections whose client has kept them waiting past {@code vosk_server.message_timeout_millis}. */
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "hearth-vosk-deadlines");
    t.setDaemon(true);
    return t;
  });
  private boolean closed;

  /**
   * @param host the address to listen on ({@code server.host})
   * @param idleTimeoutMillis a connection silent this long is closed
   * @param sttPool vosk-server's lane of the recognition threads, where every connection's Vosk work runs
   */
  public VoskServer(VoskServerConfig config, String host, long idleTimeoutMillis, VoskSpeechToText stt, Executor sttPool) {
    this.config = config;
    this.host = host;
    this.stt = stt;
    this.sttPool = sttPool;
    this.limits = new SessionLimits("vosk-server connections", config.maxSessions(), "vosk_server.max_sessions",
        config.maxSessionsPerClient(), "vosk_server.max_sessions_per_client");
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("hearth-vosk");
    threads.setDaemon(true);
    this.server = new Server(threads);
    this.connector = new ServerConnector(server, 1, 1);
    connector.setHost(host);
    connector.setPort(config.port());
    server.addConnector(connector);
    WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, container -> {
      container.setMaxBinaryMessageSize(config.maxMessageBytes());
      container.setMaxTextMessageSize(config.maxMessageBytes());
      container.setIdleTimeout(Duration.ofMillis(idleTimeoutMillis));
      container.addMapping("/*", (request, response, callback) -> open(Request.getRemoteAddr(request)));
    });
    upgrade.setHandler(new NotAWebSocket());
    server.setHandler(new AllowedClients(config.allowedClients(), upgrade));
  }

  /** Starts listening; throws with what to change when the port cannot be bound. */
  public VoskServer start() throws IOException {
    long every = Math.max(50, Math.min(1_000, config.messageTimeoutMillis() / 4));
    deadlines.scheduleWithFixedDelay(this::closeStalled, every, every, TimeUnit.MILLISECONDS);
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IOException("The vosk-server API could not listen on " + host + ":" + config.port() + " (" + e.getMessage()
          + "); set vosk_server.port to a free port, or vosk_server.enabled=false to turn it off.", e);
    }
    return this;
  }

  @Override
  public String name() {
    return "vosk-server";
  }

  @Override
  public Map<String, Integer> ports() {
    return Map.of("ws", connector.getLocalPort());
  }

  /** Connections whose recognizer is not yet freed. */
  int openConnections() {
    return sockets.size();
  }

  /** Closes open connections (1001), frees their recognizers and stops Jetty; safe to call more than once. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    deadlines.shutdownNow();
    List<VoskSocket> open = List.copyOf(sockets);
    open.forEach(VoskSocket::shutdown);
    try {
      long deadline = System.nanoTime() + RELEASE_WAIT_MILLIS * 1_000_000;
      for (VoskSocket s : open) {
        if (!s.awaitReleased(Math.max(0, (deadline - System.nanoTime()) / 1_000_000))) {
          log.warn("a vosk-server connection did not free its recognizer within {} ms of stopping", RELEASE_WAIT_MILLIS);
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("stopping the vosk-server API failed", e);
    }
  }

  private void closeStalled() {
    long now = System.nanoTime();
    for (VoskSocket socket : sockets) {
      try {
        socket.closeIfStalled(now, config.messageTimeoutMillis());
      } catch (RuntimeException e) {
        log.warn("vosk-server deadline check failed", e); // a thrown exception would cancel every later check
      }
    }
  }

  /** A connection of {@code client} (its address), or a {@link Refusal} when the server or the client is full. */
  private Session.Listener open(String client) {
    SessionLimits.Lease lease;
    try {
      lease = limits.open(client);
    } catch (SessionLimits.Refused e) {
      log.info("vosk-server client {} refused: {}", client, e.getMessage());
      return new Refusal(e.reason());
    }
    VoskSocket socket = new VoskSocket(new VoskStream(stt, config.sampleRateHz()), sttPool, released -> {
      sockets.remove(released);
      lease.close();
    });
    sockets.add(socket);
    return socket;
  }

  /** Answers 403 to a client not in {@code vosk_server.allowed_clients}, before any upgrade; passes the others on. */
  private static final class AllowedClients extends Handler.Wrapper {
    private final ClientAddresses clients;

    AllowedClients(ClientAddresses clients, Handler next) {
      super(next);
      this.clients = clients;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String client = Request.getRemoteAddr(request);
      if (clients.allows(client)) return super.handle(request, response, callback);
      log.warn("vosk-server API: refused {}, which is not in vosk_server.allowed_clients", client);
      Response.writeError(request, response, callback, 403, "This client (" + client + ") is not in vosk_server.allowed_clients");
      return true;
    }
  }

  /**
   * A connection over the session limits: closed at once with 1013 (try again later) and a reason naming the setting,
   * before any recognizer is made. Public only because Jetty calls the listener methods through public method handles.
   */
  public static final class Refusal implements Session.Listener {
    private final String reason;

    Refusal(String reason) {
      this.reason = reason;
    }

    @Override
    public void onWebSocketOpen(Session session) {
      session.close(StatusCode.TRY_AGAIN_LATER, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
    }
  }

  /** A plain HTTP request: answered 426 with a hint, since only WebSocket clients are served here. */
  private static final class NotAWebSocket extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      response.setStatus(426);
      response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      response.write(true, ByteBuffer.wrap(("This is vosk-server's WebSocket API: connect with a WebSocket client on any path,"
          + " send binary PCM and then {\"eof\" : 1}. See docs/vosk-server.md.\n").getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
  }
}
