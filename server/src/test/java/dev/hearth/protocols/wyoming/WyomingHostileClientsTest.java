package dev.hearth.protocols.wyoming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.stt.SttException;
import dev.hearth.tts.TextToSpeech;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: clients that hold Wyoming's slots without using them. Each port has one slot (and one per client) and
 * deadlines of 500 ms, so a few connections show what 100 did; the voice is a stand-in that speaks silence for as
 * long as it is read.
 */
class WyomingHostileClientsTest {
  private static final AudioFormat FORMAT = AudioFormat.pcm16(16_000, 1);
  private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
  private WyomingServer server;

  /** A voice that never stops: one second of silence per read, until the synthesis is closed. */
  private static final class EndlessVoice implements TextToSpeech {
    @Override public AudioFormat outputFormat() { return FORMAT; }
    @Override public List<Voice> voices() { return List.of(new Voice("v", "en-US", "female", 16_000)); }
    @Override public String defaultVoice() { return "v"; }
    @Override public String engine() { return "endless silence"; }
    @Override public Synthesis synthesize(String text, String voice) {
      return new Synthesis() {
        @Override public AudioChunk next() { return new AudioChunk(FORMAT, new byte[32_000]); }
        @Override public void close() {}
      };
    }
    @Override public void close() {}
  }

  private void start(int ttsPort) throws IOException {
    WyomingServer.Speech speech = new WyomingServer.Speech(() -> { throw new SttException("no recognizer here"); },
        "model", "en", 30_000, new EndlessVoice(), WyomingConnectionLimitsTest.frontEnd(pool), "test");
    server = WyomingServer.start(new WyomingServer.Settings("127.0.0.1", 0, ttsPort,
        WyomingConnectionLimitsTest.limits(1, 1, 30_000), "test"), speech, Announcer.NONE);
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
    pool.shutdownNow();
  }

  /** Issue 15: a client trickling one byte at a time (every 30 s there) held a slot for good; now the event's deadline ends it. */
  @Test
  void aClientTricklingOneByteAtATimeIsClosedAtTheEventDeadline() throws Exception {
    start(-1);
    try (WyomingTestClient trickler = WyomingTestClient.connect(server.ports().get("stt"))) {
      byte[] header = "{\"type\": \"describe\", \"padding\": \"............................................\"}\n"
          .getBytes(StandardCharsets.UTF_8);
      long started = System.nanoTime();
      for (int i = 0; i < 40 && (System.nanoTime() - started) < 2_000_000_000L; i++) { // 50 ms apart: well inside the idle time
        try {
          trickler.sendRaw(new byte[] {header[i]});
        } catch (IOException e) {
          break; // closed by the server
        }
        Thread.sleep(50); // the trickle itself, not a wait for a result
      }
      WyomingServerTest.assertError(trickler, "event_timeout", "wyoming.event_deadline_millis");
    }
    assertThat(describeAnswered(server.ports().get("stt"))).as("the slot is free again").isTrue();
  }

  /** Issue 15: Wyoming's slots were shared by both ports, so idle speech-to-text clients blocked {@code describe} on the text-to-speech port. */
  @Test
  void aFullSpeechToTextPortLeavesTheTextToSpeechPortAnswering() throws Exception {
    start(0);
    try (WyomingTestClient holder = WyomingTestClient.connect(server.ports().get("stt"))) {
      holder.send("describe");
      assertThat(holder.read().type()).isEqualTo("info");
      assertThat(describeAnswered(server.ports().get("tts"))).isTrue();
    }
  }

  /** Issue 15: a client that never reads its answer held its slot and its synthesis; now the write timeout closes it. */
  @Test
  void aClientThatStopsReadingIsClosedAndItsSlotFreed() throws Exception {
    start(-1);
    int port = server.ports().get("stt");
    try (Socket deaf = new Socket("127.0.0.1", port)) {
      deaf.setReceiveBufferSize(4_096);
      deaf.getOutputStream().write("{\"type\": \"synthesize\", \"data\": {\"text\": \"Go on for ever.\"}}\n"
          .getBytes(StandardCharsets.UTF_8));
      deaf.getOutputStream().flush();
      long deadline = System.nanoTime() + 10_000_000_000L;
      boolean freed = false;
      while (!freed && System.nanoTime() < deadline) freed = describeAnswered(port);
      assertThat(freed).as("another client is served within 10 s while the first never reads").isTrue();
    }
  }

  /** Issue 15: a {@code synthesize-chunk} stream with no sentence end grew its text without bound (out of memory at ~74 MB). */
  @Test
  void aStreamWhoseSentenceNeverEndsIsRefusedBeforeItsTextIsKept() throws Exception {
    start(-1);
    try (WyomingTestClient c = WyomingTestClient.connect(server.ports().get("stt"))) {
      c.send("synthesize-start");
      // 70 characters with no sentence end, and no space either: spaced words would give a first phrase to speak
      // (issue 18), which this test's endless voice would never finish
      String words = "and-on-".repeat(10);
      for (int i = 0; i < 3; i++) c.send("synthesize-chunk", WyomingTestClient.JSON.createObjectNode().put("text", words));
      WyomingServerTest.assertError(c, "text_too_long", "wyoming.max_stream_text_chars");
    }
  }

  /** Whether a new client on {@code port} gets {@code info} for {@code describe} (false when refused or unanswered within 2 s). */
  static boolean describeAnswered(int port) throws IOException {
    try (WyomingTestClient c = WyomingTestClient.connect(port)) {
      c.readTimeout(2_000);
      c.send("describe");
      WyomingTestClient.Event e = c.read();
      return e != null && e.type().equals("info");
    } catch (IOException e) {
      return false; // refused, reset or unanswered
    }
  }
}
