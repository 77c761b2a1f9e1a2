package dev.hearth.compat.wyoming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.AudioFormat;
import dev.hearth.stt.SttException;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the server shares its connection slots: a silent client is closed after the idle time, and clients beyond
 * {@code max_connections} wait until a slot frees. Speech is not involved, so the models are stand-ins that fail.
 */
class WyomingConnectionLimitsTest {
  private ExecutorService pool;
  private WyomingServer server;

  /** Voices to list in {@code info}; speaking fails. */
  private static final class ListedVoices implements TextToSpeech {
    @Override public AudioFormat outputFormat() { return AudioFormat.pcm16(24_000, 1); }
    @Override public List<Voice> voices() { return List.of(new Voice("v", "en-US", "female", 24_000)); }
    @Override public String defaultVoice() { return "v"; }
    @Override public String engine() { return "listed voices"; }
    @Override public Synthesis synthesize(String text, String voice) throws TtsException { throw new TtsException("no speech here"); }
    @Override public void close() {}
  }

  @BeforeEach
  void start() throws Exception {
    pool = Executors.newSingleThreadExecutor();
    WyomingServer.Speech speech = new WyomingServer.Speech(() -> { throw new SttException("no recognizer here"); },
        "model", "en", 30_000, new ListedVoices(), pool, pool, "test");
    server = WyomingServer.start(new WyomingServer.Settings("127.0.0.1", 0, -1, 1, 4_096, 300, "test"), speech,
        Announcer.NONE);
  }

  @AfterEach
  void stop() {
    server.close();
    pool.shutdownNow();
  }

  @Test
  void oneServerOnOnePortListsBothServicesAndReportsTheSamePort() throws Exception {
    assertThat(server.ports()).containsEntry("stt", server.ports().get("tts"));
    try (WyomingTestClient c = WyomingTestClient.connect(server.ports().get("stt"))) {
      c.send("describe");
      WyomingTestClient.Event info = c.read();
      assertThat(info.data().path("asr").size()).isEqualTo(1);
      assertThat(info.data().path("tts").size()).isEqualTo(1);
    }
  }

  @Test
  void aSilentClientIsClosedAfterTheIdleTimeAndItsSlotGoesToTheNext() throws Exception {
    int port = server.ports().get("stt");
    try (WyomingTestClient silent = WyomingTestClient.connect(port);
        WyomingTestClient waiting = WyomingTestClient.connect(port)) {
      WyomingServerTest.assertError(silent, "idle_timeout", "300 ms");
      waiting.send("describe");
      assertThat(waiting.read().type()).isEqualTo("info");
    }
  }

  @Test
  void aClientBeyondMaxConnectionsWaitsForAFreeSlot() throws Exception {
    int port = server.ports().get("stt");
    try (WyomingTestClient first = WyomingTestClient.connect(port);
        WyomingTestClient second = WyomingTestClient.connect(port)) {
      first.send("describe");
      assertThat(first.read().type()).isEqualTo("info");
      second.send("describe");
      second.readTimeout(100);
      assertThatThrownBy(second::read).as("no slot while the first is connected").isInstanceOf(SocketTimeoutException.class);
      second.readTimeout(30_000);
      first.close();
      assertThat(second.read().type()).isEqualTo("info");
    }
  }

  @Test
  void aModelThatFailsIsAnErrorThatClosesTheConnection() throws Exception {
    int port = server.ports().get("stt");
    try (WyomingTestClient c = WyomingTestClient.connect(port)) {
      c.send("audio-start", WyomingTestClient.JSON.createObjectNode().put("rate", 16_000).put("width", 2).put("channels", 1));
      WyomingServerTest.assertError(c, "stt_failed", "no recognizer here");
    }
    try (WyomingTestClient c = WyomingTestClient.connect(port)) {
      c.send("synthesize", WyomingTestClient.JSON.createObjectNode().put("text", "Hello."));
      assertThat(c.read().type()).isEqualTo("audio-start");
      WyomingServerTest.assertError(c, "tts_failed", "no speech here");
    }
  }

  @Test
  void closingTheServerEndsOpenConnections() throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(server.ports().get("stt"))) {
      c.send("ping");
      assertThat(c.read().type()).isEqualTo("pong");
      server.close();
      assertThat(c.closedByServer()).isTrue();
    }
  }
}
