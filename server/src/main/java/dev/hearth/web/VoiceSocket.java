package dev.hearth.web;

import dev.hearth.audio.AudioFormat;
import dev.hearth.config.ServerConfig;
import dev.hearth.protocols.page.ClientMessage;
import dev.hearth.protocols.page.ProtocolException;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.speech.Voices;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.TurnController;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} endpoint: parses each frame and hands it to the socket's {@link TurnController}. Runs on
 * Jetty's threads, so it only parses and queues; all work happens on the pipeline's executors. Every socket is
 * pinged once per {@code server.ping_interval_millis}, and one whose client has sent nothing, not even a pong, for
 * {@code server.idle_timeout_millis}, or that has not read what was sent for {@code server.write_timeout_millis}, is
 * closed (see {@link SocketLiveness}). At most {@code server.max_sessions} sockets are open at once, and
 * {@code server.max_sessions_per_client} from one address; a socket beyond either gets an {@code error} and is closed
 * with 1013 (try again later).
 */
public final class VoiceSocket {
  private static final Logger log = LoggerFactory.getLogger(VoiceSocket.class);

  private final Function<ClientLink, TurnController> sessions;
  private final VoiceSessions registry;
  private final Voices voices;
  private final int maxFrameBytes;
  private final int maxTextBytes;
  private final SocketLiveness liveness;
  private final SessionLimits limits;
  private final Map<String, SessionLimits.Lease> leases = new ConcurrentHashMap<>();
  private final Map<String, TurnController> bySocket = new ConcurrentHashMap<>();
  private final Map<String, SocketLiveness.Peer> peers = new ConcurrentHashMap<>();
  /** The open sockets of paired devices, by socket id, so revoking a device closes its sockets. */
  private final Map<String, DeviceSocket> devices = new ConcurrentHashMap<>();
  private volatile Function<WsContext, Optional<String>> deviceOf = ctx -> Optional.empty();

  /**
   * @param scheduler pings every socket and closes the silent ones, once per {@code server.ping_interval_millis};
   *     the caller owns it and shuts it down
   */
  public VoiceSocket(Function<ClientLink, TurnController> sessions, VoiceSessions registry, Voices voices,
      ServerConfig config, ScheduledExecutorService scheduler) {
    this.sessions = sessions;
    this.registry = registry;
    this.voices = voices;
    this.maxFrameBytes = config.maxFrameBytes();
    this.maxTextBytes = config.maxTextBytes();
    this.liveness = new SocketLiveness(config.idleTimeoutMillis(), config.writeTimeoutMillis(), System::nanoTime);
    this.limits = new SessionLimits("/ws sessions", config.maxSessions(), "server.max_sessions",
        config.maxSessionsPerClient(), "server.max_sessions_per_client");
    long every = config.pingIntervalMillis();
    scheduler.scheduleAtFixedRate(this::checkLiveness, every, every, TimeUnit.MILLISECONDS);
  }

  private record DeviceSocket(String deviceId, WsContext ctx) {}

  /** How to tell which paired device opened a socket (from its upgrade request's token); set by the HTTP server. */
  void identifyDevices(Function<WsContext, Optional<String>> deviceOf) {
    this.deviceOf = deviceOf;
  }

  /**
   * Closes every socket the device {@code deviceId} holds open, with 1008 (policy violation): its pairing was revoked,
   * so it may no longer talk or listen.
   */
  void closeDevice(String deviceId) {
    devices.forEach((socketId, socket) -> {
      if (!socket.deviceId().equals(deviceId)) return;
      release(socketId);
      log.info("Closing the WebSocket of revoked device {}", deviceId);
      socket.ctx().session.close(StatusCode.POLICY_VIOLATION, "this device is no longer paired", Callback.NOOP);
    });
  }

  public void configure(WsConfig ws) {
    ws.onConnect(ctx -> {
      try {
        leases.put(ctx.sessionId(), limits.open(address(ctx)));
      } catch (SessionLimits.Refused e) {
        refuse(ctx, e);
        return;
      }
      Outbox outbox = new Outbox(ctx.session, System::nanoTime);
      TurnController session = registry.connect(sessions.apply(link(ctx, outbox)));
      bySocket.put(ctx.sessionId(), session);
      deviceOf.apply(ctx).ifPresent(device -> {
        devices.put(ctx.sessionId(), new DeviceSocket(device, ctx));
        // revoked between the upgrade and now: the revocation looked for this socket before it was listed
        if (deviceOf.apply(ctx).isEmpty()) closeDevice(device);
      });
      SocketLiveness.Peer peer = peer(ctx, outbox);
      peers.put(ctx.sessionId(), peer);
      liveness.add(peer);
      String follow = ctx.queryParam("conversation_id");
      if (follow != null && !follow.isBlank()) session.follow(follow);
    });
    ws.onMessage(ctx -> {
      TurnController session = bySocket.get(ctx.sessionId());
      if (session == null) return;
      String text = ctx.message();
      long bytes = utf8Bytes(text);
      if (bytes > maxTextBytes) {
        session.error("frame_too_large", "A text frame of " + bytes + " bytes is larger than " + maxTextBytes
            + " bytes (server.max_text_bytes); control messages are small JSON objects.", null);
        return;
      }
      handle(session, text);
    });
    ws.onBinaryMessage(ctx -> {
      TurnController session = bySocket.get(ctx.sessionId());
      if (session == null) return;
      ByteBuffer data = ctx.data();
      if (data.remaining() > maxFrameBytes) {
        session.error("frame_too_large", "An audio frame of " + data.remaining() + " bytes is larger than "
            + maxFrameBytes + " bytes (server.max_frame_bytes); send 20-100 ms frames.", null);
        return;
      }
      byte[] pcm = new byte[data.remaining()];
      data.get(pcm);
      session.audio(pcm);
    });
    ws.onClose(ctx -> release(ctx.sessionId()));
    ws.onError(ctx -> {
      log.debug("WebSocket error on {}", ctx.sessionId(), ctx.error());
      release(ctx.sessionId());
    });
  }

  private void handle(TurnController session, String text) {
    ClientMessage message;
    try {
      message = ClientMessage.fromJson(text);
      if (message instanceof ClientMessage.Start s) {
        session.start(AudioFormat.pcm16(s.sampleRate(), s.channels()), s.conversationId(), voice(s.voice()));
      } else if (message instanceof ClientMessage.Stop s) {
        session.stop();
      } else if (message instanceof ClientMessage.Cancel c) {
        session.cancel();
      } else if (message instanceof ClientMessage.Text t) {
        session.text(t.text(), t.conversationId(), voice(t.voice()));
      }
    } catch (ProtocolException e) {
      session.error(e.code(), e.getMessage(), null);
    }
  }

  /** The installed voice the message asks for (the default when it names none), else {@code unknown_voice}. */
  private String voice(String requested) throws ProtocolException {
    try {
      return voices.resolve(requested);
    } catch (Voices.UnknownVoice e) {
      throw new ProtocolException("unknown_voice", e.getMessage() + ".");
    }
  }

  private void checkLiveness() {
    try {
      liveness.tick();
    } catch (RuntimeException e) {
      log.warn("checking WebSocket liveness failed", e); // a thrown exception would cancel every later check
    }
  }

  /** Tells a client over the session limits why, then closes its socket with 1013 (try again later). */
  private static void refuse(WsContext ctx, SessionLimits.Refused refused) {
    log.info("refusing WebSocket from {}: {}", ctx.session.getRemoteSocketAddress(), refused.getMessage());
    ctx.session.sendText(new ServerMessage.Error(refused.code(), refused.getMessage(), null).toJson(), Callback.NOOP);
    ctx.session.close(StatusCode.TRY_AGAIN_LATER, refused.reason(), Callback.NOOP);
  }

  /** The UTF-8 length of {@code text}, counted without copying it. */
  private static long utf8Bytes(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (Character.isHighSurrogate(c)) { bytes += 4; i++; }
      else bytes += 3;
    }
    return bytes;
  }

  private void release(String socketId) {
    devices.remove(socketId);
    SessionLimits.Lease lease = leases.remove(socketId);
    if (lease != null) lease.close();
    SocketLiveness.Peer peer = peers.remove(socketId);
    if (peer != null) liveness.remove(peer);
    TurnController session = bySocket.remove(socketId);
    if (session != null) {
      session.close();
      registry.disconnect(session);
    }
  }

  /**
   * The socket as the liveness check sees it: closing it for silence also ends its session at once. A socket with
   * frames still unread is dropped outright, since its close frame would wait behind them.
   */
  private SocketLiveness.Peer peer(WsContext ctx, Outbox outbox) {
    return new SocketLiveness.Peer() {
      @Override
      public long bytesIn() {
        return VoiceSocket.bytesIn(ctx);
      }

      @Override
      public long unsentSinceNanos() {
        return outbox.unsentSinceNanos();
      }

      @Override
      public void ping() {
        if (ctx.session.isOpen()) ctx.session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
      }

      @Override
      public void closeSilent(String reason) {
        log.info("closing WebSocket {} from {}: {}", ctx.sessionId(), ctx.session.getRemoteSocketAddress(), reason);
        ctx.session.close(StatusCode.SHUTDOWN, reason, Callback.NOOP);
        if (outbox.unsentSinceNanos() != 0) ctx.session.disconnect();
        release(ctx.sessionId());
      }
    };
  }

  /**
   * Bytes the client has sent on this socket, pongs included, as Jetty's connection counts them; -1 when this Jetty
   * does not say (then silence never closes the socket, and Jetty's own idle timeout still applies).
   */
  private static long bytesIn(WsContext ctx) {
    if (ctx.session instanceof WebSocketSession s && s.getCoreSession() instanceof WebSocketCoreSession core
        && core.getConnection() != null) {
      return core.getConnection().getBytesIn();
    }
    return -1;
  }

  private static String address(WsContext ctx) {
    return ctx.session.getRemoteSocketAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress() : String.valueOf(ctx.session.getRemoteSocketAddress());
  }

  private static ClientLink link(WsContext ctx, Outbox outbox) {
    String client = address(ctx);
    return new ClientLink() {
      @Override
      public String client() {
        return client;
      }

      @Override
      public void send(ServerMessage message) {
        outbox.text(message.toJson());
      }

      @Override
      public void sendAudio(byte[] pcm) {
        outbox.binary(ByteBuffer.wrap(pcm));
      }
    };
  }
}
