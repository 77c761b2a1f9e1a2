package dev.hearth.protocols.wyoming;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's TCP connection. Its own thread only reads: it decodes each event and hands it to the connection's
 * {@link WyomingSession}, which answers the events in order on the app's request threads, through one
 * {@link EventWriter}. The thread waits only for the client's bytes, or while {@value WyomingSession#MAX_PENDING_EVENTS}
 * events are unanswered. Reading ends when the client closes its side, after {@code audio-stop} (the transcript is
 * the last answer, as wyoming-faster-whisper and wyoming-vosk do), or at a read that fails:
 * <ul>
 *   <li>a malformed event: {@code error}, once the events before it are answered, then the connection closes;</li>
 *   <li>no event for {@code idleMillis} while nothing is being answered, or an event not complete
 *       {@code eventDeadlineMillis} after its first byte: {@code error{code: idle_timeout | event_timeout}} and the
 *       connection closes, so neither a half-open client nor one trickling bytes can hold a slot;</li>
 *   <li>a write the client does not read for {@code writeTimeoutMillis}: the socket is closed (see
 *       {@link #closeIfStalled}), which ends the work in progress.</li>
 * </ul>
 * The connection is closed, and {@link #closed} completes, once both the reading and the session are over.
 */
final class WyomingConnection implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(WyomingConnection.class);
  /** How long a closing connection waits for the client to finish sending, so it reads the last events, in ms. */
  private static final int LINGER_MILLIS = 1_000;

  /** What every connection needs: the models, the pools and the limits. */
  record Context(WyomingServer.Speech speech, WyomingEvent info, WyomingServer.Limits limits) {}

  private final Socket socket;
  private final Context context;
  private final String client;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  /** The reading and the session: the socket closes when both are over. */
  private final AtomicInteger open = new AtomicInteger(2);
  private volatile EventWriter writer;

  WyomingConnection(Socket socket, Context context) {
    this.socket = socket;
    this.context = context;
    this.client = socket.getRemoteSocketAddress().toString();
  }

  /** Completes once the connection is closed and its session over: its slot is free. */
  CompletableFuture<Void> closed() {
    return closed;
  }

  /** Reads events until the reading ends, then skips what the client still sends until the connection closes. */
  @Override
  public void run() {
    WyomingSession session;
    DeadlineInput timed;
    try {
      WyomingServer.Limits limits = context.limits();
      socket.setTcpNoDelay(true);
      writer = new EventWriter(new BufferedOutputStream(socket.getOutputStream()),
          context.speech().frontEnd().requestThreads());
      session = new WyomingSession(context, writer, client, this::sessionOver);
      timed = new DeadlineInput(socket, limits.idleMillis(), limits.eventDeadlineMillis(), session::answering);
    } catch (IOException | RuntimeException e) {
      log.debug("Wyoming client {}: connection lost at once: {}", client, e.toString());
      closeNow();
      return;
    }
    read(session, timed);
    drain();
    if (open.decrementAndGet() == 0) closeNow();
  }

  private void read(WyomingSession session, DeadlineInput timed) {
    try {
      InputStream in = new BufferedInputStream(timed);
      WyomingEvent event;
      while (session.awaitRoom() && (event = EventCodec.read(in, context.limits().maxEventBytes())) != null) {
        timed.betweenEvents();
        if (!session.take(event)) break;
      }
      session.finish(null);
    } catch (WyomingException | SocketTimeoutException e) {
      session.finish(e);
    } catch (IOException | InterruptedException e) {
      session.abandon(e);
    } catch (RuntimeException e) {
      session.finish(e);
    }
  }

  /**
   * Closes the socket when one write has waited longer than {@code wyoming.write_timeout_millis} for a client that
   * does not read; the write then fails, which ends the work in progress and frees the slot. Called by the server's
   * watchdog thread.
   */
  void closeIfStalled(long nowNanos) {
    EventWriter w = writer;
    long since = w == null ? 0 : w.writingSince();
    if (since == 0 || (nowNanos - since) / 1_000_000 < context.limits().writeTimeoutMillis()) return;
    log.info("Wyoming client {}: did not read for {} ms (wyoming.write_timeout_millis); closing", client,
        context.limits().writeTimeoutMillis());
    closeQuietly();
  }

  /**
   * Skips what the client sends after the last event read, up to {@code wyoming.max_event_bytes}, until it closes its
   * side or the connection is closed: closing with unread bytes would reset the connection and could discard the last
   * answers.
   */
  private void drain() {
    try {
      socket.setSoTimeout(context.limits().idleMillis());
      InputStream in = socket.getInputStream();
      byte[] skip = new byte[8_192];
      long skipped = 0;
      for (int n; skipped < context.limits().maxEventBytes() && (n = in.read(skip)) >= 0; ) skipped += n;
    } catch (IOException e) {
      // closed, or the client is gone or silent: nothing left to wait for
    }
  }

  /**
   * The session is over and its last answer written: half-closes, so the client reads everything, and closes once the
   * client closes its side too, or {@link #LINGER_MILLIS} later.
   */
  private void sessionOver() {
    try {
      if (!socket.isClosed()) socket.shutdownOutput();
    } catch (IOException e) {
      // the client is gone
    }
    if (open.decrementAndGet() == 0) {
      closeNow();
      return;
    }
    try {
      context.speech().frontEnd().timer().schedule(this::closeNow, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) { // the server is stopping
      closeNow();
    }
  }

  private void closeNow() {
    closeQuietly();
    closed.complete(null);
  }

  /** Closes the socket at once, from any thread. */
  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("Wyoming client {}: close failed: {}", client, e.toString());
    }
  }
}
