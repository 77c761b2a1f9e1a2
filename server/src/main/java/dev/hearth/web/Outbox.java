package dev.hearth.web;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * What the server has sent one socket and the client has not yet taken: each frame's send time until Jetty has
 * written it. Jetty queues sends without bound, so a client that stops reading would pile up a whole answer in memory;
 * {@link SocketLiveness} reads {@link #unsentSinceNanos} and closes such a socket after the write timeout. Jetty
 * completes a session's sends in order, so the oldest unsent frame is the head of the queue. Thread-safe.
 */
final class Outbox {
  private final Session session;
  private final LongSupplier nanoClock;
  private final Queue<Long> unsent = new ConcurrentLinkedQueue<>();

  Outbox(Session session, LongSupplier nanoClock) {
    this.session = session;
    this.nanoClock = nanoClock;
  }

  /** Queues a text frame, when the socket is open. */
  void text(String json) {
    if (!session.isOpen()) return;
    unsent.add(nanoClock.getAsLong());
    session.sendText(json, done());
  }

  /** Queues a binary frame, when the socket is open. */
  void binary(ByteBuffer data) {
    if (!session.isOpen()) return;
    unsent.add(nanoClock.getAsLong());
    session.sendBinary(data, done());
  }

  /** When the oldest frame not yet written was queued, or 0 when every frame is written. */
  long unsentSinceNanos() {
    Long oldest = unsent.peek();
    return oldest == null ? 0 : oldest;
  }

  private Callback done() {
    return Callback.from(unsent::poll, failure -> unsent.poll());
  }
}
