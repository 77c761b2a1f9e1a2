package dev.hearth.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tells live WebSocket clients from gone ones. On every {@link #tick} (once per ping interval) it closes each socket
 * that has received nothing from its client (no frame, no pong) for the idle timeout, or whose oldest unsent frame
 * has waited for the write timeout (a client that stopped reading a long answer), and pings the others. Jetty's
 * own idle timer cannot tell: the server's pings are traffic too, so a client that vanished without closing (a
 * phone out of range, a laptop asleep) kept its socket open for good.
 */
final class SocketLiveness {

  /** One socket, as the check sees it. */
  interface Peer {
    /** Bytes received from the client so far; negative when unknown, and then the socket is never closed for silence. */
    long bytesIn();

    /** When the oldest frame still queued for the client was sent (on the check's clock), or 0 when none is queued. */
    long unsentSinceNanos();

    /** Sends a ping, which a live client answers with a pong; returns at once. */
    void ping();

    /** Closes the socket because its client has gone silent; returns at once. */
    void closeSilent(String reason);
  }

  /** What was last heard from a peer; written only by {@link #tick} after {@link #add}. */
  private static final class Heard {
    long bytesIn;
    long atNanos;

    Heard(long bytesIn, long atNanos) {
      this.bytesIn = bytesIn;
      this.atNanos = atNanos;
    }
  }

  private final long idleTimeoutMillis;
  private final long writeTimeoutMillis;
  private final LongSupplier nanoClock;
  private final Map<Peer, Heard> peers = new ConcurrentHashMap<>();

  SocketLiveness(long idleTimeoutMillis, long writeTimeoutMillis, LongSupplier nanoClock) {
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.writeTimeoutMillis = writeTimeoutMillis;
    this.nanoClock = nanoClock;
  }

  /** Starts watching a newly opened socket; it counts as heard now. */
  void add(Peer peer) {
    peers.put(peer, new Heard(peer.bytesIn(), nanoClock.getAsLong()));
  }

  /** Stops watching a closed socket. */
  void remove(Peer peer) {
    peers.remove(peer);
  }

  /**
   * Closes the sockets silent for the idle timeout or not reading for the write timeout, and pings the rest. Run on
   * one thread, once per ping interval.
   */
  void tick() {
    long now = nanoClock.getAsLong();
    for (Map.Entry<Peer, Heard> e : peers.entrySet()) {
      Peer peer = e.getKey();
      Heard heard = e.getValue();
      long unsentSince = peer.unsentSinceNanos();
      if (unsentSince != 0 && (now - unsentSince) / 1_000_000 >= writeTimeoutMillis) {
        peers.remove(peer);
        peer.closeSilent("the client has not read for " + writeTimeoutMillis + " ms (server.write_timeout_millis)");
        continue;
      }
      long bytes = peer.bytesIn();
      if (bytes < 0 || bytes != heard.bytesIn) {
        heard.bytesIn = bytes;
        heard.atNanos = now;
      } else if ((now - heard.atNanos) / 1_000_000 >= idleTimeoutMillis) {
        peers.remove(peer);
        peer.closeSilent("nothing received for " + idleTimeoutMillis + " ms (server.idle_timeout_millis)");
        continue;
      }
      peer.ping();
    }
  }
}
