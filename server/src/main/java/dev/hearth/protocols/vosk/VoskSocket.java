package dev.hearth.protocols.vosk;

import dev.hearth.stt.SttException;
import dev.hearth.turn.SerialExecutor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vosk-server WebSocket connection. Jetty's thread only copies and parses a message; the Vosk work and the reply
 * run on the connection's serial executor. The next message is read only once the reply to this one is sent
 * (explicit demand), like vosk-server's own loop: a client that streams faster than Vosk decodes is slowed by TCP
 * instead of filling a queue, and every binary frame, eof and reset gets exactly one reply, in order. A reply the
 * client has not taken also holds the next read back, so a client that stops reading stops being read.
 *
 * <p>Deadline: from the moment the connection waits on its client (for the next message, or for the client to take a
 * reply), the client has {@code vosk_server.message_timeout_millis}; {@link #closeIfStalled} closes it after that, so a
 * message trickled a byte at a time (each byte keeps Jetty's idle timeout at bay) cannot hold a connection.
 *
 * <p>Lifecycle: {@code OPEN → ENDED} (eof answered, or refused: the server has closed) {@code → RELEASED} (the
 * recognizer freed, exactly once, whichever of eof, error, client close or server stop comes first).
 *
 * <p>Public only because Jetty calls the listener methods through public method handles.
 */
public final class VoskSocket implements Session.Listener {
  private static final Logger log = LoggerFactory.getLogger(VoskSocket.class);

  private enum State { OPEN, ENDED, RELEASED }

  private final VoskStream stream;
  private final Executor serial;
  private final Consumer<VoskSocket> onReleased;
  private final CountDownLatch released = new CountDownLatch(1);
  /** Written and read on the serial executor only. */
  private State state = State.OPEN;
  private volatile Session session;
  private String client = "?";
  private boolean ignoredKeysLogged;
  private volatile boolean inline;
  /** Replies not yet taken by the client, and whether the next read waits for them; guarded by {@code this}. */
  private int unsent;
  private boolean demandAfterSends;
  /** When the connection began waiting on its client ({@link System#nanoTime}), or 0 while the server is working. */
  private volatile long waitingSince;

  VoskSocket(VoskStream stream, Executor sttPool, Consumer<VoskSocket> onReleased) {
    this.stream = stream;
    this.serial = new SerialExecutor(sttPool);
    this.onReleased = onReleased;
  }

  /**
   * Closes the connection (1008) when it has waited on its client for {@code timeoutMillis} or more at {@code nowNanos}:
   * the client sent no whole message, or took no reply, in that time. Returns whether it did.
   */
  boolean closeIfStalled(long nowNanos, long timeoutMillis) {
    long since = waitingSince;
    Session s = session;
    if (since == 0 || s == null || (nowNanos - since) / 1_000_000 < timeoutMillis) return false;
    log.info("vosk-server client {}: sent no whole message and took no result for {} ms (vosk_server.message_timeout_millis);"
        + " closing", client, timeoutMillis);
    waitingSince = 0;
    s.close(StatusCode.POLICY_VIOLATION, "no whole message within " + timeoutMillis + " ms", Callback.NOOP);
    release();
    return true;
  }

  /** Asks Jetty for the next message once every reply is taken; the client's clock runs from now either way. */
  private void demandNext() {
    boolean now;
    synchronized (this) {
      now = unsent == 0;
      demandAfterSends = !now;
    }
    waitingSince = System.nanoTime();
    if (now) session.demand();
  }

  private void sent() {
    boolean demand;
    synchronized (this) {
      unsent--;
      demand = unsent == 0 && demandAfterSends;
      if (demand) demandAfterSends = false;
    }
    if (demand) {
      waitingSince = System.nanoTime();
      execute(() -> {
        if (state != State.RELEASED) session.demand();
      });
    }
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    this.client = address(session.getRemoteSocketAddress());
    log.debug("vosk-server client {} connected to {}", client, session.getUpgradeRequest().getRequestURI().getPath());
    waitingSince = System.nanoTime();
    session.demand();
  }

  @Override
  public void onWebSocketText(String text) {
    waitingSince = 0;
    VoskMessage message;
    try {
      message = VoskMessage.fromJson(text);
    } catch (VoskProtocolException e) {
      run(() -> refuse(e));
      return;
    }
    run(() -> handle(message));
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    waitingSince = 0;
    byte[] pcm = new byte[payload.remaining()];
    payload.get(pcm);
    callback.succeed();
    run(() -> reply(stream.audio(pcm)));
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    log.debug("vosk-server client {} closed: {} {}", client, statusCode, reason);
    release();
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    log.debug("vosk-server client {} failed", client, cause);
    release();
  }

  /** Closes the connection for a server stop; the recognizer is freed on the serial executor. */
  void shutdown() {
    Session s = session;
    if (s != null && s.isOpen()) s.close(StatusCode.SHUTDOWN, "server stopping", Callback.NOOP);
    release();
  }

  /** Waits up to {@code millis} for the recognizer to be freed; true once it is. */
  boolean awaitReleased(long millis) throws InterruptedException {
    return released.await(millis, TimeUnit.MILLISECONDS);
  }

  private void handle(VoskMessage message) throws SttException {
    if (message instanceof VoskMessage.Config c) {
      if (!c.ignoredKeys().isEmpty() && !ignoredKeysLogged) {
        ignoredKeysLogged = true;
        log.info("vosk-server client {}: ignoring config keys {} (this server has one model and takes no paths)",
            client, c.ignoredKeys());
      }
      stream.configure(c);
    } else if (message instanceof VoskMessage.Reset) {
      reply(stream.reset());
    } else if (message instanceof VoskMessage.Eof) {
      reply(stream.eof());
      end(StatusCode.NORMAL, null);
    }
  }

  private void reply(String json) {
    synchronized (this) {
      unsent++;
    }
    session.sendText(json, Callback.from(this::sent, failure -> sent()));
  }

  private void refuse(VoskProtocolException e) {
    log.info("vosk-server client {} refused ({}): {}", client, e.closeCode(), e.getMessage());
    end(e.closeCode(), e.reason());
  }

  /** Closes the connection from this side; the client's close frame is still read, so the handshake completes. */
  private void end(int code, String reason) {
    state = State.ENDED;
    stream.close();
    session.close(code, reason, Callback.NOOP);
  }

  /** Runs {@code work} on the serial executor while the connection is open, then asks Jetty for the next message. */
  private void run(Work work) {
    execute(() -> {
      if (state == State.OPEN) {
        try {
          work.run();
        } catch (VoskProtocolException e) {
          refuse(e);
        } catch (SttException | RuntimeException e) {
          log.warn("vosk-server client {}: recognition failed; closing the connection", client, e);
          end(StatusCode.SERVER_ERROR, VoskProtocolException.fit("recognition failed: " + e.getMessage()));
        }
      }
      if (state != State.RELEASED) demandNext();
    });
  }

  /** Frees the recognizer once, after whatever work is queued before it. */
  private void release() {
    execute(() -> {
      if (state == State.RELEASED) return;
      state = State.RELEASED;
      waitingSince = 0;
      try {
        stream.close();
      } finally {
        released.countDown();
        onReleased.accept(this);
      }
    });
  }

  /**
   * Queues {@code task}. Once the app's executor has refused one (it is shut down, which the app does only after
   * stopping this server), the serial executor never runs again, so this and every later task run here, one at a
   * time: the recognizer is still freed.
   */
  private void execute(Runnable task) {
    Runnable guarded = () -> {
      try {
        task.run();
      } catch (RuntimeException e) { // e.g. Jetty refusing a demand on a connection closing meanwhile
        log.debug("vosk-server client {}: {}", client, e.toString());
      } catch (Error e) { // JNA reports a native fault as an Error
        log.warn("vosk-server client {}: failed", client, e);
      }
    }; // a task that threw would stop the serial executor for good, and the recognizer would never be freed
    if (!inline) {
      try {
        serial.execute(guarded);
        return;
      } catch (RejectedExecutionException e) {
        inline = true;
      }
    }
    synchronized (this) {
      guarded.run();
    }
  }

  private static String address(SocketAddress address) {
    return address instanceof InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress() : String.valueOf(address);
  }

  /** Work on the serial executor that may refuse the client or fail in Vosk. */
  private interface Work {
    void run() throws SttException, VoskProtocolException;
  }
}
