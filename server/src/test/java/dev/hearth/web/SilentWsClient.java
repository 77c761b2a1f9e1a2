package dev.hearth.web;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that opens {@code /ws} over a plain socket and then never sends a byte, not even a pong: what the server
 * sees of a phone that went out of range or a laptop that went to sleep. It reads what the server sends.
 */
final class SilentWsClient implements AutoCloseable {
  private static final int CLOSE = 0x8;
  private static final int PING = 0x9;

  /** The server's close frame: its status code, or -1 when the connection ended without one. */
  record Closed(int code, String reason, int pingsBefore) {}

  private final Socket socket;
  private final DataInputStream in;

  private SilentWsClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
  }

  static SilentWsClient connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    OutputStream out = socket.getOutputStream();
    out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    SilentWsClient client = new SilentWsClient(socket);
    String head = client.readHead();
    if (!head.startsWith("HTTP/1.1 101")) throw new IOException("upgrade refused: " + head);
    return client;
  }

  /** Reads frames until the server closes, or throws once {@code timeout} has passed without that. */
  Closed awaitClose(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int pings = 0;
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) throw new AssertionError("still open after " + timeout + " (" + pings + " pings)");
      socket.setSoTimeout((int) left);
      int opcode;
      byte[] payload;
      try {
        opcode = in.readUnsignedByte() & 0x0F;
        int length = in.readUnsignedByte() & 0x7F; // the server's frames are not masked
        if (length == 126) length = in.readUnsignedShort();
        else if (length == 127) length = (int) in.readLong();
        payload = in.readNBytes(length);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (EOFException e) {
        return new Closed(-1, "", pings);
      }
      if (opcode == PING) pings++;
      if (opcode == CLOSE) {
        int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        return new Closed(code, reason, pings);
      }
    }
  }

  private String readHead() throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("closed inside the upgrade answer: " + head);
      head.append((char) b);
    }
    return head.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
