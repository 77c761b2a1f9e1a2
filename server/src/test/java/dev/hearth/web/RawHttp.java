package dev.hearth.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests {@code java.net.http} will not send: a WebSocket upgrade with any Host
 * header (a DNS-rebinding page's), read as a plain response when the server refuses it.
 */
final class RawHttp {
  private RawHttp() {}

  record Response(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).strip();
      }
      return null;
    }
  }

  /** A WebSocket upgrade of {@code /ws}; {@code origin} null sends none. */
  static Response upgrade(InetAddress address, int port, String hostHeader, String origin) throws IOException {
    return upgrade(address, port, hostHeader, origin, "");
  }

  /** As above, with more header lines ({@code "Cookie: a=b\r\n"}). */
  static Response upgrade(InetAddress address, int port, String hostHeader, String origin, String moreHeaders) throws IOException {
    return send(address, port, "GET /ws HTTP/1.1\r\nHost: " + hostHeader + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + (origin != null ? "Origin: " + origin + "\r\n" : "") + moreHeaders + "\r\n");
  }

  /** A GET of {@code path} with the given Host header, from whatever address the socket binds to reach {@code address}. */
  static Response get(InetAddress address, int port, String hostHeader, String path) throws IOException {
    return send(address, port, "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nConnection: close\r\n\r\n");
  }

  /** Sends {@code request} and reads the status, headers and (Content-Length) body; a 101 answer has no body. */
  private static Response send(InetAddress address, int port, String request) throws IOException {
    try (Socket socket = new Socket(address, port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      Response partial = new Response(status, head, "");
      String length = partial.header("Content-Length");
      if (status == 101 || length == null) return partial;
      byte[] body = in.readNBytes(Integer.parseInt(length));
      return new Response(status, head, new String(body, StandardCharsets.UTF_8));
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed inside the response head: " + head.toString(StandardCharsets.US_ASCII));
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII).strip();
  }
}
