package dev.hearth.web;

import dev.hearth.protocols.page.ProtocolException;
import dev.hearth.protocols.page.ServerMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (java.net.http) that records what the server sends, for server tests. */
public final class WsTestClient implements AutoCloseable {
  private final WebSocket socket;
  private final List<ServerMessage> messages = new ArrayList<>();
  /** For each message, the audio bytes received before it. */
  private final List<Integer> audioBefore = new ArrayList<>();
  private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
  private volatile boolean closed;
  private volatile int closeCode;

  private WsTestClient(URI uri) throws Exception {
    this(HttpClient.newHttpClient().newWebSocketBuilder(), uri);
  }

  private WsTestClient(WebSocket.Builder builder, URI uri) throws Exception {
    this.socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
  }

  /** Connects to {@code uri} (ws:// or wss://) through {@code client}, sending {@code origin} as a browser would. */
  public static WsTestClient connect(HttpClient client, URI uri, String origin) throws Exception {
    return new WsTestClient(client.newWebSocketBuilder().header("Origin", origin), uri);
  }

  public static WsTestClient connect(int port) throws Exception {
    return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/ws"));
  }

  public static WsTestClient connect(int port, String query) throws Exception {
    return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/ws?" + query));
  }

  public void send(String json) {
    socket.sendText(json, true).join();
  }

  public void sendAudio(byte[] pcm, int offset, int length) {
    socket.sendBinary(ByteBuffer.wrap(pcm, offset, length), true).join();
  }

  /** Waits for the first message (after those already consumed by earlier awaits) matching {@code test}. */
  public <T extends ServerMessage> T await(Class<T> type, Predicate<T> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (messages) {
      while (true) {
        for (ServerMessage m : messages) {
          if (type.isInstance(m) && test.test(type.cast(m))) return type.cast(m);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || closed) {
          throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout + "; got " + messages
              + (closed ? " (socket closed " + closeCode + ")" : ""));
        }
        messages.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  public <T extends ServerMessage> T await(Class<T> type) throws InterruptedException {
    return await(type, m -> true, Duration.ofSeconds(20));
  }

  /** Every message so far, in order. */
  public List<ServerMessage> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  /** Audio bytes received before {@code message} (this very object, not an equal one) arrived. */
  public int audioBefore(ServerMessage message) {
    synchronized (messages) {
      for (int i = 0; i < messages.size(); i++) {
        if (messages.get(i) == message) return audioBefore.get(i);
      }
    }
    throw new IllegalArgumentException("not received: " + message);
  }

  public void clear() {
    synchronized (messages) {
      messages.clear();
      audioBefore.clear();
      audio.reset();
    }
  }

  public byte[] audio() {
    synchronized (messages) {
      return audio.toByteArray();
    }
  }

  public boolean closed() {
    return closed;
  }

  /** The status the server closed with, once {@link #closed()}. */
  public int closeCode() {
    return closeCode;
  }

  @Override
  public void close() {
    if (!closed) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          ServerMessage m = ServerMessage.fromJson(text.toString());
          synchronized (messages) {
            messages.add(m);
            audioBefore.add(audio.size());
            messages.notifyAll();
          }
        } catch (ProtocolException e) {
          throw new AssertionError("server sent an unparseable message: " + text, e);
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      binary.writeBytes(b);
      if (last) {
        synchronized (messages) {
          audio.writeBytes(binary.toByteArray());
          messages.notifyAll();
        }
        binary.reset();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closeCode = statusCode;
      closed = true;
      synchronized (messages) {
        messages.notifyAll();
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed = true;
      synchronized (messages) {
        messages.notifyAll();
      }
    }
  }
}
