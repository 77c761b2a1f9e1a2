package dev.hearth.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Clients that send exactly the bytes a hostile or broken peer would (a lying Content-Length, a half-sent event) and
 * report what the server did within a bounded wait: raw TCP for HTTP and Wyoming, the JDK's WebSocket for sockets.
 */
final class RawClients {
  /** How long a probe waits for the server to answer. */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
  private static final int KEEP_BYTES = 1 << 20;

  private RawClients() {}

  /** What came back over TCP: the bytes read (up to 1 MiB), and how the exchange ended. */
  record TcpReply(String text, boolean closed, boolean timedOut) {
    /** The HTTP status of the first line, or -1 when there was none. */
    int status() {
      if (!text.startsWith("HTTP/1.")) return -1;
      int sp = text.indexOf(' ');
      try {
        return Integer.parseInt(text.substring(sp + 1, sp + 4));
      } catch (RuntimeException e) {
        return -1;
      }
    }

    String summary() {
      String first = text.lines().findFirst().orElse("");
      return (first.isEmpty() ? "nothing" : first) + (timedOut ? " (no end within " + ANSWER_WITHIN.toSeconds() + " s)"
          : closed ? " (closed)" : "");
    }
  }

  /**
   * Sends {@code request}, optionally half-closes (the client has nothing more to say), then reads until the server
   * closes, {@code enough} says it has seen enough, or {@link #ANSWER_WITHIN} passes.
   */
  static TcpReply tcp(String host, int port, byte[] request, boolean halfClose, Predicate<String> enough)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) ANSWER_WITHIN.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (halfClose) socket.shutdownOutput();
      } catch (IOException e) {
        // the server may refuse before reading all of it; what it answered is still there to read
      }
      long end = System.nanoTime() + ANSWER_WITHIN.toNanos();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8192];
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) return new TcpReply(got.toString(StandardCharsets.UTF_8), false, true);
        socket.setSoTimeout((int) left);
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          return new TcpReply(got.toString(StandardCharsets.UTF_8), false, true);
        } catch (IOException e) {
          n = -1; // reset: closed
        }
        if (n < 0) return new TcpReply(got.toString(StandardCharsets.UTF_8), true, false);
        if (got.size() < KEEP_BYTES) got.write(buf, 0, Math.min(n, KEEP_BYTES - got.size()));
        if (enough.test(got.toString(StandardCharsets.UTF_8))) return new TcpReply(got.toString(StandardCharsets.UTF_8), false, false);
      }
    }
  }

  /**
   * One HTTP/1.1 request with {@code Connection: close}; {@code head} is the request line and headers, without the
   * blank line (a Host header is added unless it has one).
   */
  static TcpReply http(String host, int port, String head, byte[] body, boolean halfClose) throws IOException {
    String hostHeader = head.toLowerCase(java.util.Locale.ROOT).contains("\r\nhost:") ? "" : "\r\nHost: " + host + ":" + port;
    byte[] h = (head + hostHeader + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] request = new byte[h.length + body.length];
    System.arraycopy(h, 0, request, 0, h.length);
    System.arraycopy(body, 0, request, h.length, body.length);
    return tcp(host, port, request, halfClose, s -> false);
  }

  /** What came back on a WebSocket: its text messages and, if it was closed, the close code and reason. */
  record WsReply(List<String> texts, Integer closeCode, String closeReason) {
    String summary() {
      return (texts.isEmpty() ? "no message" : String.join(" ", texts)) + (closeCode == null ? ""
          : " (closed " + closeCode + (closeReason == null || closeReason.isEmpty() ? "" : " " + closeReason) + ")");
    }
  }

  /**
   * Opens {@code url}, sends each message ({@code String} as text, {@code byte[]} as binary), then waits until the
   * socket closes, a text message satisfies {@code enough}, or {@link #ANSWER_WITHIN} passes.
   */
  static WsReply ws(HttpClient http, URI url, List<Object> messages, Predicate<String> enough) throws Exception {
    List<String> texts = new CopyOnWriteArrayList<>();
    CountDownLatch over = new CountDownLatch(1);
    Integer[] close = new Integer[1];
    String[] reason = new String[1];
    WebSocket ws = http.newWebSocketBuilder().connectTimeout(ANSWER_WITHIN).buildAsync(url, new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          texts.add(text.toString());
          if (enough.test(text.toString())) over.countDown();
          text.setLength(0);
        }
        s.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onBinary(WebSocket s, ByteBuffer data, boolean last) {
        s.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket s, int code, String why) {
        close[0] = code;
        reason[0] = why;
        over.countDown();
        return null;
      }

      @Override
      public void onError(WebSocket s, Throwable error) {
        reason[0] = String.valueOf(error);
        over.countDown();
      }
    }).get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    try {
      for (Object m : messages) {
        if (over.getCount() == 0) break;
        if (m instanceof String s) ws.sendText(s, true).get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        else ws.sendBinary(ByteBuffer.wrap((byte[]) m), true).get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (Exception e) {
      // the server closed while we sent: its close code says why
    }
    over.await(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    ws.abort();
    return new WsReply(List.copyOf(texts), close[0], reason[0]);
  }
}
