package dev.hearth.web.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain-HTTP forwarder on a free port of 127.0.0.1 to a server's HTTP port that controls when {@code /ws} opens, as a
 * server that is still starting ({@link #hold}: the upgrade waits) or restarting ({@link #refuse}: the upgrade fails
 * and the socket must try again) does. Every other request is forwarded at once; the page is served through it.
 */
final class UpgradeGate implements AutoCloseable {
  enum Mode { OPEN, HOLD, REFUSE }

  private static final long HOLD_LIMIT_MILLIS = 60_000;
  private static final int REQUEST_LINE_LIMIT = 8192;

  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Socket> upgraded = new CopyOnWriteArrayList<>();
  private volatile int targetPort;
  private volatile boolean closed;
  private Mode mode;

  UpgradeGate(Mode mode) throws IOException {
    this.mode = mode;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "gate-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The page's origin through the gate, for {@code server.allowed_origins}. */
  String origin() {
    return "http://127.0.0.1:" + port();
  }

  void forwardTo(int port) {
    targetPort = port;
  }

  /** Upgrades wait until the gate opens or refuses (at most a minute). */
  synchronized void hold() {
    mode = Mode.HOLD;
  }

  /** Upgrades fail at once, and the open WebSockets are cut, as when the server goes away. */
  void refuse() {
    synchronized (this) {
      mode = Mode.REFUSE;
      notifyAll();
    }
    for (Socket s : upgraded) closeQuietly(s);
  }

  /** Upgrades pass, including those being held. */
  synchronized void open() {
    mode = Mode.OPEN;
    notifyAll();
  }

  private synchronized Mode awaitDecision() throws InterruptedException {
    long end = System.currentTimeMillis() + HOLD_LIMIT_MILLIS;
    while (mode == Mode.HOLD && !closed) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) return Mode.REFUSE;
      wait(left);
    }
    return mode;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        Thread t = new Thread(() -> serve(client), "gate-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) throw new IllegalStateException("gate: " + e.getMessage(), e);
      }
    }
  }

  private void serve(Socket client) {
    try {
      byte[] line = requestLine(client.getInputStream());
      boolean upgrade = new String(line, StandardCharsets.ISO_8859_1).startsWith("GET /ws");
      if (upgrade && awaitDecision() != Mode.OPEN) {
        closeQuietly(client);
        return;
      }
      Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      sockets.add(server);
      if (upgrade) {
        upgraded.add(client);
        upgraded.add(server);
      }
      server.getOutputStream().write(line);
      pump(server, client);
      pump(client, server);
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
    }
  }

  /** Reads up to and including the first line feed (or the limit, or the end of the stream). */
  private static byte[] requestLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while (line.size() < REQUEST_LINE_LIMIT && (b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') break;
    }
    return line.toByteArray();
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side went away; the other is closed below
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "gate-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    listener.close();
    for (Socket s : sockets) closeQuietly(s);
  }
}
