package dev.hearth.protocols.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.config.HearthConfig;
import dev.hearth.stt.VoskSpeechToText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every connection frees its recognizer, whichever way it ends: eof, a refused message, the client vanishing
 * mid-stream, or the server stopping while clients are streaming.
 */
@Tag("model")
class VoskServerLifecycleTest {
  static VoskSpeechToText stt;
  static ExecutorService sttPool;
  static AudioChunk go;

  @BeforeAll
  static void load() throws Exception {
    stt = VoskSpeechToText.load(TestData.voskModel());
    sttPool = Executors.newFixedThreadPool(2);
    go = Wav.read(TestData.audio("ps_goforward.wav"));
  }

  @AfterAll
  static void close() {
    sttPool.shutdown();
    stt.close();
  }

  private static VoskServer server() throws Exception {
    return server(Map.of());
  }

  private static VoskServer server(Map<String, String> settings) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("vosk_server.port", "0");
    var config = HearthConfig.of(all);
    return new VoskServer(config.voskServer(), "127.0.0.1", 30_000, stt, sttPool).start();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within 10 s: " + what);
      Thread.sleep(10);
    }
  }

  @Test
  void everyWayAConnectionEndsFreesItsRecognizer() throws Exception {
    try (VoskServer server = server()) {
      int port = server.ports().get("ws");
      VoskClient.stream(port, VoskServerTest.config(16_000), go.pcm(), 6_400);
      try (VoskClient refused = VoskClient.connect(port)) {
        refused.audio(go.pcm(), 0, 6_400);
        refused.send("nonsense");
        assertThat(refused.awaitClose().code()).isEqualTo(1003);
      }
      for (int i = 0; i < 3; i++) {
        VoskClient gone = VoskClient.connect(port);
        gone.audio(go.pcm(), 0, 6_400);
        gone.abort();
      }
      try (VoskClient polite = VoskClient.connect(port)) {
        polite.audio(go.pcm(), 0, 6_400);
      } // a normal close without eof
      await(() -> server.openConnections() == 0, "all connections released, " + server.openConnections() + " left");
    }
  }

  @Test
  void stoppingTheServerClosesOpenConnectionsAndFreesTheirRecognizers() throws Exception {
    VoskServer server = server();
    int port = server.ports().get("ws");
    List<VoskClient> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      VoskClient c = VoskClient.connect(port);
      c.send(VoskServerTest.config(16_000));
      c.audio(go.pcm(), 0, 12_800);
      clients.add(c);
    }
    assertThat(server.openConnections()).isEqualTo(3);

    server.close();

    assertThat(server.openConnections()).isZero();
    for (VoskClient c : clients) assertThat(c.awaitClose().code()).isEqualTo(1001);
    server.close(); // twice is harmless
  }

  /** Issue 15: vosk-server connections were unlimited, each holding 14-19 MB of native memory; now one address is capped. */
  @Test
  void aConnectionBeyondItsAddressCapIsClosedWith1013AndHoldsNoRecognizer() throws Exception {
    try (VoskServer server = server(Map.of("vosk_server.max_sessions_per_client", "2"))) {
      int port = server.ports().get("ws");
      try (VoskClient first = VoskClient.connect(port); VoskClient second = VoskClient.connect(port)) {
        first.audio(go.pcm(), 0, 6_400);
        second.audio(go.pcm(), 0, 6_400);
        try (VoskClient third = VoskClient.connect(port)) {
          VoskClient.Close refused = third.awaitClose();
          assertThat(refused.code()).isEqualTo(1013);
          assertThat(refused.reason()).contains("vosk_server.max_sessions_per_client");
        }
        assertThat(server.openConnections()).isEqualTo(2);
      }
      await(() -> server.openConnections() == 0, "both connections released");
      try (VoskClient next = VoskClient.connect(port)) {
        next.audio(go.pcm(), 0, 6_400); // served: its place was freed
      }
    }
  }

  /**
   * Issue 15: a message trickled a byte at a time kept Jetty's idle timeout at bay and held its connection (and a
   * recognizer) for as long as the client liked. The whole message must now arrive within the message deadline.
   */
  @Test
  void aMessageTrickledAByteAtATimeIsCutOffAtTheMessageDeadline() throws Exception {
    try (VoskServer server = server(Map.of("vosk_server.message_timeout_millis", "1000"));
        Socket raw = new Socket("127.0.0.1", server.ports().get("ws"))) {
      raw.setSoTimeout(10_000);
      OutputStream out = raw.getOutputStream();
      InputStream in = raw.getInputStream();
      out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String head = "";
      while (!head.endsWith("\r\n\r\n")) head += (char) in.read();
      assertThat(head).startsWith("HTTP/1.1 101");
      // a masked binary frame of 1000 bytes, of which a byte arrives every 100 ms (10 bytes/s)
      out.write(new byte[] {(byte) 0x82, (byte) (0x80 | 126), 0x03, (byte) 0xE8, 1, 2, 3, 4});
      long start = System.nanoTime();
      for (int i = 0; i < 60 && in.available() == 0; i++) {
        try {
          out.write(0);
          out.flush();
        } catch (IOException e) {
          break; // closed
        }
        Thread.sleep(100);
      }
      int opcode = in.read() & 0x0F;
      assertThat(opcode).as("a close frame").isEqualTo(0x8);
      int length = in.read() & 0x7F;
      int code = (in.read() << 8) | in.read();
      assertThat(code).isEqualTo(1008);
      assertThat(new String(in.readNBytes(length - 2), StandardCharsets.UTF_8)).contains("1000 ms");
      assertThat((System.nanoTime() - start) / 1_000_000).as("closed after the deadline, not before").isGreaterThanOrEqualTo(900);
      await(() -> server.openConnections() == 0, "the trickling connection released");
    }
  }

  /**
   * Issue 15: a client that never read its results was still read from, and its results queued without end. Now the
   * next message is asked for only once the client has taken the last result, and a result it does not take within the
   * message deadline closes the connection.
   */
  @Test
  void aClientThatTakesNoResultIsNotReadFromAndIsClosedAtTheDeadline() throws Exception {
    FakeSession session = new FakeSession();
    VoskSocket socket = new VoskSocket(new VoskStream(stt, 16_000), Runnable::run, released -> {});
    socket.onWebSocketOpen(session.proxy());
    assertThat(session.demands).as("ready for the first message").isEqualTo(1);

    socket.onWebSocketBinary(java.nio.ByteBuffer.wrap(go.pcm(), 0, 3_200), Callback.NOOP);
    assertThat(session.unsent).as("its result").hasSize(1);
    assertThat(session.demands).as("no next read while the result is not taken").isEqualTo(1);

    session.unsent.remove(0).succeed(); // taken: the next message is asked for
    assertThat(session.demands).isEqualTo(2);

    socket.onWebSocketBinary(java.nio.ByteBuffer.wrap(go.pcm(), 3_200, 3_200), Callback.NOOP);
    assertThat(session.demands).isEqualTo(2);
    assertThat(socket.closeIfStalled(System.nanoTime(), 1_000)).as("within the deadline").isFalse();
    assertThat(socket.closeIfStalled(System.nanoTime() + 1_100_000_000L, 1_000)).isTrue();
    assertThat(session.closeCode).isEqualTo(1008);
    assertThat(socket.awaitReleased(5_000)).as("its recognizer freed").isTrue();
  }

  /** A Jetty session that records demands, closes and the callbacks of replies, which complete only when told. */
  private static final class FakeSession {
    int demands;
    int closeCode;
    final List<Callback> unsent = new ArrayList<>();

    Session proxy() {
      Object request = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UpgradeRequest.class},
          (p, method, args) -> method.getName().equals("getRequestURI") ? URI.create("ws://127.0.0.1/") : null);
      return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
          (p, method, args) -> switch (method.getName()) {
            case "getRemoteSocketAddress" -> new InetSocketAddress("127.0.0.1", 1);
            case "getUpgradeRequest" -> request;
            case "demand" -> {
              demands++;
              yield null;
            }
            case "sendText" -> {
              unsent.add((Callback) args[1]);
              yield null;
            }
            case "close" -> {
              if (args != null && args.length == 3) closeCode = (Integer) args[0];
              yield null;
            }
            case "isOpen" -> true;
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == args[0];
            case "toString" -> "FakeSession";
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }
  }
}
