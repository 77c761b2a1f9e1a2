package dev.hearth.compat.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.config.HearthConfig;
import dev.hearth.stt.VoskSpeechToText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
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
}
