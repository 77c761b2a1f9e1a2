package dev.hearth.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a free port of 127.0.0.1 to {@code targetPort}, for a server that goes silent without closing
 * anything: {@link #freeze()} stops every open connection's bytes both ways while its sockets stay open, as with a
 * server whose power went or a network that went away; connections made after {@link #thaw()} flow again.
 */
final class FreezableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** One forwarded connection; frozen connections hold what they read. */
  private static final class Connection {
    volatile boolean frozen;
  }

  FreezableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Every open connection stops forwarding (and stays open). */
  void freeze() {
    for (Connection c : connections) c.frozen = true;
  }

  /** New connections forward again (frozen ones stay frozen: their server is "gone"). */
  void thaw() {
    connections.clear();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(server);
        Connection c = new Connection();
        connections.add(c);
        pump(client, server, c);
        pump(server, client, c);
      } catch (IOException e) {
        if (!closed) throw new IllegalStateException("proxy: " + e.getMessage(), e);
      }
    }
  }

  private void pump(Socket from, Socket to, Connection c) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          while (c.frozen && !closed) Thread.sleep(10);
          if (closed) return;
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // one side went away; the other is closed below
      } finally {
        try {
          to.close();
          from.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (Socket s : sockets) s.close();
  }
}
