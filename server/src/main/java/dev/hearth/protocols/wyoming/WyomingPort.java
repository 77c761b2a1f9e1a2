package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.config.ClientAddresses;
import dev.hearth.web.SessionLimits;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening port of the {@link WyomingServer}: an acceptor thread, and a reading thread for each connection while
 * the port and the client's address have a free slot ({@code wyoming.max_connections},
 * {@code wyoming.max_connections_per_client}); the rest are refused at once with an {@code error} event. A slot is
 * held until its connection is closed and its answers are over, so it also bounds the recognizers in use.
 */
final class WyomingPort {
  private static final Logger log = LoggerFactory.getLogger(WyomingPort.class);
  /** After a failed accept the acceptor waits this long, doubling on each further failure up to the maximum. */
  private static final long ACCEPT_BACKOFF_MIN_MILLIS = 50;
  private static final long ACCEPT_BACKOFF_MAX_MILLIS = 1000;

  private final ServerSocket listener;
  private final String what;
  private final WyomingConnection.Context context;
  private final ClientAddresses clients;
  private final SessionLimits slots;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<WyomingConnection> serving = ConcurrentHashMap.newKeySet();
  private final Set<Thread> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private volatile boolean closed;

  /** @param what the port's services, for thread names and logs: {@code stt}, {@code tts} or {@code stt+tts} */
  WyomingPort(ServerSocket listener, String what, WyomingConnection.Context context, ClientAddresses clients) {
    this.listener = listener;
    this.what = what;
    this.context = context;
    this.clients = clients;
    WyomingServer.Limits limits = context.limits();
    this.slots = new SessionLimits("Wyoming connections on port " + listener.getLocalPort(), limits.maxConnections(),
        "wyoming.max_connections", limits.maxPerClient(), "wyoming.max_connections_per_client");
    this.acceptor = new Thread(this::acceptLoop, "hearth-wyoming-" + what + "-" + listener.getLocalPort());
    acceptor.setDaemon(true);
  }

  void start() {
    acceptor.start();
  }

  /** Closes the connections whose client has not read what was sent for the write timeout. */
  void closeStalled(long nowNanos) {
    for (WyomingConnection c : serving) c.closeIfStalled(nowNanos);
  }

  /** Stops accepting and ends the open connections; their threads wind down on their own ({@link #threads}). */
  void close() {
    closed = true;
    closeQuietly(listener);
    acceptor.interrupt();
    for (Socket socket : open) closeQuietly(socket);
    for (Thread t : connections) t.interrupt();
  }

  /** The acceptor and the connections' reading threads still running. */
  List<Thread> threads() {
    List<Thread> all = new ArrayList<>(List.of(acceptor));
    all.addAll(connections);
    return all;
  }

  /** Accepts connections, each on its own thread while the port and its client have a free slot; refuses the rest. */
  private void acceptLoop() {
    long backoffMillis = 0;
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
        backoffMillis = 0;
      } catch (IOException e) {
        if (closed || listener.isClosed()) return;
        // accept fails again at once while the cause lasts (out of file descriptors): wait, longer each time, so
        // the loop neither spins nor floods the log
        if (backoffMillis == 0) {
          log.warn("Wyoming {} port {}: accept failed: {}", what, listener.getLocalPort(), e.getMessage());
        }
        backoffMillis = Math.min(ACCEPT_BACKOFF_MAX_MILLIS, Math.max(ACCEPT_BACKOFF_MIN_MILLIS, backoffMillis * 2));
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException interrupted) {
          return; // close() interrupts the acceptor
        }
        continue;
      }
      serve(socket);
    }
  }

  private void serve(Socket socket) {
    if (!clients.allows(socket.getInetAddress())) {
      log.warn("Wyoming {} port {}: refused {}, which is not in wyoming.allowed_clients", what, listener.getLocalPort(),
          socket.getInetAddress().getHostAddress());
      closeQuietly(socket);
      return;
    }
    SessionLimits.Lease lease;
    try {
      lease = slots.open(socket.getInetAddress().getHostAddress());
    } catch (SessionLimits.Refused e) {
      refuse(socket, e);
      return;
    }
    open.add(socket);
    WyomingConnection connection = new WyomingConnection(socket, context);
    serving.add(connection);
    connection.closed().whenComplete((ok, e) -> {
      serving.remove(connection);
      open.remove(socket);
      lease.close();
    });
    Thread thread = new Thread(() -> {
      try {
        connection.run();
      } finally {
        connections.remove(Thread.currentThread());
      }
    }, "hearth-wyoming-" + what + "-conn-" + connectionCount.incrementAndGet());
    thread.setDaemon(true);
    connections.add(thread);
    thread.start();
    if (closed) closeQuietly(socket);
  }

  /**
   * Tells a client over the limits why with {@code error{code}} and closes its connection, on the acceptor's thread:
   * the event fits the new socket's send buffer, so the write does not wait for the client.
   */
  private static void refuse(Socket socket, SessionLimits.Refused refused) {
    log.info("Wyoming client {} refused: {}", socket.getRemoteSocketAddress(), refused.getMessage());
    try (socket) {
      ObjectNode data = WyomingEvent.newData();
      data.put("text", refused.getMessage());
      data.put("code", refused.code());
      EventCodec.write(socket.getOutputStream(), WyomingEvent.of("error", data));
      socket.shutdownOutput();
    } catch (IOException e) {
      log.debug("Wyoming refusal not sent: {}", e.toString());
    }
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("close failed: {}", e.toString());
    }
  }
}
