package dev.hearth.protocols.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A vosk-server client written from the protocol (protocols.md §1), as vosk-server's own Java sample works: send a
 * frame, wait for its one reply (lock-step). Records every reply and the close code, so a test can check that no
 * reply is missing or extra.
 */
final class VoskClient implements AutoCloseable {
  static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
  static final String EOF = "{\"eof\" : 1}";
  static final String RESET = "{\"reset\" : 1}";
  private static final ObjectMapper json = new ObjectMapper();

  private final WebSocket socket;
  private final LinkedBlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();

  /** How the server closed the connection. */
  record Close(int code, String reason) {}

  /** A reply and when it arrived ({@link System#nanoTime()}). */
  record Reply(String text, long nanos) {}

  private VoskClient(URI uri) throws Exception {
    socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
  }

  static VoskClient connect(int port) throws Exception {
    return connect(port, "/");
  }

  /** Connects to {@code path} (any path is served, e.g. {@code /asr/en/} as vosk-server's Node sample uses). */
  static VoskClient connect(int port, String path) throws Exception {
    return new VoskClient(URI.create("ws://127.0.0.1:" + port + path));
  }

  /** Sends a text frame that gets no reply (config). */
  void send(String text) {
    socket.sendText(text, true).join();
  }

  /** Sends one binary frame and returns its reply. */
  String audio(byte[] pcm, int offset, int length) throws Exception {
    sendAudio(pcm, offset, length);
    return reply();
  }

  /** Sends one binary frame without waiting for its reply (a microphone client). */
  void sendAudio(byte[] pcm, int offset, int length) {
    socket.sendBinary(ByteBuffer.wrap(pcm, offset, length), true).join();
  }

  /** Sends a text frame that gets one reply (eof, reset) and returns it. */
  String ask(String text) throws Exception {
    send(text);
    return reply();
  }

  /** The next reply; fails when none comes in time or the connection closes first. */
  String reply() throws Exception {
    return timedReply().text();
  }

  /** The next reply with its arrival time. */
  Reply timedReply() throws Exception {
    long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Reply r = replies.poll(20, TimeUnit.MILLISECONDS);
      if (r != null) return r;
      if (closed.isDone() && replies.isEmpty()) throw new AssertionError("the server closed instead of replying: " + closed.get());
    }
    throw new AssertionError("no reply within " + REPLY_TIMEOUT);
  }

  /** Waits for the server to close the connection. */
  Close awaitClose() throws Exception {
    try {
      return closed.get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the server did not close the connection within " + REPLY_TIMEOUT + "; replies: " + replies);
    }
  }

  /** Replies that arrived and were not read: a lock-step client has none. */
  List<String> unread() {
    return replies.stream().map(Reply::text).toList();
  }

  /** Drops the TCP connection without a close handshake. */
  void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
  }

  /** The result of streaming a recording: every reply in order, and the close after eof. */
  record Streamed(List<String> replies, Close close) {
    /** The final results (not partials), eof's last. */
    List<JsonNode> finals() {
      return replies.stream().map(VoskClient::parse).filter(n -> !n.has("partial")).toList();
    }

    /** The words of all final results, joined as a vosk-server client joins them. */
    String transcript() {
      return VoskClient.transcript(finals());
    }
  }

  /**
   * Streams {@code bytes} after {@code config} (none when null) in frames of {@code frameBytes}, lock-step, then
   * eof; checks one reply per frame and per eof, and the close with 1000.
   */
  static Streamed stream(int port, String config, byte[] bytes, int frameBytes) throws Exception {
    try (VoskClient client = connect(port)) {
      if (config != null) client.send(config);
      List<String> replies = new ArrayList<>();
      for (int off = 0; off < bytes.length; off += frameBytes) {
        replies.add(client.audio(bytes, off, Math.min(frameBytes, bytes.length - off)));
      }
      replies.add(client.ask(EOF));
      Close close = client.awaitClose();
      assertThat(close.code()).as("close after eof").isEqualTo(1000);
      assertThat(client.unread()).as("replies beyond one per message").isEmpty();
      for (String r : replies) {
        JsonNode n = parse(r);
        assertThat(n.has("partial") || n.has("text") || n.has("alternatives")).as("a vosk-server result: " + r).isTrue();
      }
      return new Streamed(replies, close);
    }
  }

  static JsonNode parse(String reply) {
    try {
      return json.readTree(reply);
    } catch (IOException e) {
      throw new UncheckedIOException("the server sent something that is not JSON: " + reply, e);
    }
  }

  /** The non-empty {@code text} of each final result (the best alternative's when there are alternatives), joined. */
  static String transcript(List<JsonNode> finals) {
    List<String> words = new ArrayList<>();
    for (JsonNode f : finals) {
      String text = f.has("alternatives") ? f.path("alternatives").path(0).path("text").asText("") : f.path("text").asText("");
      if (!text.isBlank()) words.add(text.strip());
    }
    return String.join(" ", words);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        replies.add(new Reply(text.toString(), System.nanoTime()));
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      replies.add(new Reply("<binary frame: vosk-server sends none>", System.nanoTime()));
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(new Close(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(new Close(-1, String.valueOf(error)));
    }
  }
}
