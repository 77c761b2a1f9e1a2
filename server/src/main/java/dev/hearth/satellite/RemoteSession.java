package dev.hearth.satellite;

import dev.hearth.audio.AudioFormat;
import dev.hearth.protocols.page.ClientMessage;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.TurnController.State;
import dev.hearth.turn.VoiceSession;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A voice session on a Hearth server elsewhere, over the same {@code /ws} protocol a browser speaks: a satellite's
 * way to the server. What the server sends goes to the client's {@link ClientLink} as if the session were local.
 * The {@link ServerConnection} keeps the connection up (retrying with backoff, 0.5 s doubling to 8 s); a press while
 * it is down is refused with an error the lights show.
 *
 * <p>Liveness: a server that dies without closing the connection (power lost, network gone) would leave a turn
 * waiting until TCP gives up, minutes later. So the satellite pings the server every {@link #PING_MILLIS} ms, and
 * when nothing at all (a pong, a message, audio) has come from it for {@link #SILENT_MILLIS} ms the connection is
 * taken as lost: aborted, the turn ended with {@code server_unreachable}, and reconnected with the same backoff.
 */
public final class RemoteSession implements VoiceSession {
  /** How often the server is pinged while connected. */
  static final long PING_MILLIS = 5000;
  /** How long the server may be silent (not even a pong) before the connection is taken as lost. */
  static final long SILENT_MILLIS = 15_000;

  private final ClientLink link;
  private final ServerConnection connection;
  private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
  private volatile State state = State.IDLE;

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
    this.link = link;
    this.connection = new ServerConnection(server, tls, token, pingMillis, silentMillis, new ServerConnection.Receiver() {
      @Override
      public void message(ServerMessage message) {
        received(message);
      }

      @Override
      public void audio(byte[] pcm) {
        link.sendAudio(pcm);
      }

      @Override
      public void lost() {
        if (state != State.IDLE) {
          enter(State.IDLE);
          link.send(new ServerMessage.Error("server_unreachable", "The Hearth server connection dropped.", null));
        }
      }
    });
  }

  /** Whether the connection to the server is up. */
  public boolean connected() {
    return connection.connected();
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

  private void enter(State next) {
    if (next == state) return;
    state = next;
    for (Consumer<State> l : listeners) l.accept(next);
  }

  private void send(ClientMessage message) {
    connection.sendText(message.toJson());
  }

  @Override
  public void start(AudioFormat format, String conversationId, String voice) {
    if (!connection.connected()) {
      link.send(new ServerMessage.Error("server_unreachable", "The Hearth server " + connection.server() + " cannot be reached.", null));
      return;
    }
    enter(State.LISTENING);
    send(new ClientMessage.Start(format.rateHz(), "pcm_s16le", format.channels(), conversationId, voice));
  }

  @Override
  public void audio(byte[] pcm) {
    if (state != State.LISTENING) return;
    connection.sendBinary(pcm);
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

  /** Ends the session: no more reconnecting, a goodbye to the server (at most 2 s), then {@code CLOSED}. */
  @Override
  public void close() {
    connection.close();
    enter(State.CLOSED);
  }
}
