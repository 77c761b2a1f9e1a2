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
 * sees of a phone that went out of range or a laptop that went to sleep. It reads what the server sends, and only
 * when asked ({@link #awaitClose}), so it can also be a client that stops reading; {@link #sendText} makes it talk.
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
    return connect(port, 0);
  }

  /** Connects with a receive buffer of {@code receiveBufferBytes} (0 for the system's), so unread answers back up soon. */
  static SilentWsClient connect(int port, int receiveBufferBytes) throws IOException {
    Socket socket = new Socket();
    if (receiveBufferBytes > 0) socket.setReceiveBufferSize(receiveBufferBytes);
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
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

  /** Sends one text frame, masked with a zero key as a client must mask (so the payload goes as is). */
  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 0xFFFF) throw new IllegalArgumentException("at most 64 KiB");
    int head = payload.length > 125 ? 4 : 2;
    byte[] frame = new byte[head + 4 + payload.length];
    frame[0] = (byte) 0x81; // FIN, text
    if (head == 2) {
      frame[1] = (byte) (0x80 | payload.length); // masked
    } else {
      frame[1] = (byte) (0x80 | 126); // masked, 16-bit length follows
      frame[2] = (byte) (payload.length >> 8);
      frame[3] = (byte) payload.length;
    }
    System.arraycopy(payload, 0, frame, head + 4, payload.length);
    socket.getOutputStream().write(frame);
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
      } catch (EOFException | java.net.SocketException e) { // ended, or reset by the server
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
