package dev.hearth.web;

import dev.hearth.audio.AudioFormat;
import dev.hearth.protocol.ClientMessage;
import dev.hearth.protocol.ProtocolException;
import dev.hearth.protocol.ServerMessage;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.TurnController;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} endpoint: parses each frame and hands it to the socket's {@link TurnController}. Runs on
 * Jetty's threads, so it only parses and queues; all work happens on the pipeline's executors.
 */
public final class VoiceSocket {
  private static final Logger log = LoggerFactory.getLogger(VoiceSocket.class);

  private final Function<ClientLink, TurnController> sessions;
  private final SessionHub hub;
  private final Set<String> voices;
  private final int maxFrameBytes;
  private final long pingIntervalMillis;
  private final Map<String, TurnController> bySocket = new ConcurrentHashMap<>();

  public VoiceSocket(Function<ClientLink, TurnController> sessions, SessionHub hub, Set<String> voices,
      int maxFrameBytes, long pingIntervalMillis) {
    this.sessions = sessions;
    this.hub = hub;
    this.voices = Set.copyOf(voices);
    this.maxFrameBytes = maxFrameBytes;
    this.pingIntervalMillis = pingIntervalMillis;
  }

  public void configure(WsConfig ws) {
    ws.onConnect(ctx -> {
      TurnController session = sessions.apply(link(ctx));
      bySocket.put(ctx.sessionId(), session);
      ctx.enableAutomaticPings(pingIntervalMillis, TimeUnit.MILLISECONDS);
      String follow = ctx.queryParam("conversation_id");
      if (follow != null && !follow.isBlank()) session.follow(follow);
    });
    ws.onMessage(ctx -> {
      TurnController session = bySocket.get(ctx.sessionId());
      if (session != null) handle(session, ctx.message());
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
        checkVoice(s.voice());
        session.start(AudioFormat.pcm16(s.sampleRate(), s.channels()), s.conversationId(), s.voice());
      } else if (message instanceof ClientMessage.Stop s) {
        session.stop();
      } else if (message instanceof ClientMessage.Cancel c) {
        session.cancel();
      } else if (message instanceof ClientMessage.Text t) {
        checkVoice(t.voice());
        session.text(t.text(), t.conversationId(), t.voice());
      }
    } catch (ProtocolException e) {
      session.error(e.code(), e.getMessage(), null);
    }
  }

  private void checkVoice(String voice) throws ProtocolException {
    if (voice != null && !voices.contains(voice)) {
      throw new ProtocolException("unknown_voice", "There is no voice '" + voice + "'; installed voices: " + voices + ".");
    }
  }

  private void release(String socketId) {
    TurnController session = bySocket.remove(socketId);
    if (session != null) {
      session.close();
      hub.unbind(session);
    }
  }

  private static ClientLink link(WsContext ctx) {
    String client = ctx.session.getRemoteSocketAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress() : String.valueOf(ctx.session.getRemoteSocketAddress());
    return new ClientLink() {
      @Override
      public String client() {
        return client;
      }

      @Override
      public void send(ServerMessage message) {
        if (ctx.session.isOpen()) ctx.send(message.toJson());
      }

      @Override
      public void sendAudio(byte[] pcm) {
        if (ctx.session.isOpen()) ctx.send(ByteBuffer.wrap(pcm));
      }
    };
  }
}
