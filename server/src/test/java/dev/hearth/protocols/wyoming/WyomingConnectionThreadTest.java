package dev.hearth.protocols.wyoming;

import static dev.hearth.protocols.wyoming.WyomingTestClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.stt.SttException;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: a Wyoming connection's thread waited for the recognizer at {@code audio-start} and for the whole spoken
 * answer of a {@code synthesize}. Now it only reads: while the models are held up (stand-ins that wait for the test),
 * the connection's thread is back reading the socket, and the answers still come in the order of the events.
 */
class WyomingConnectionThreadTest {
  private static final AudioFormat FORMAT = AudioFormat.pcm16(16_000, 1);
  private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
  /** Released by the test: the held-up model goes on. */
  private final CountDownLatch release = new CountDownLatch(1);
  private WyomingServer server;

  /** One chunk of silence, then a second once the test releases it, then the end. */
  private final class HeldUpVoice implements TextToSpeech {
    @Override public AudioFormat outputFormat() { return FORMAT; }
    @Override public List<Voice> voices() { return List.of(new Voice("v", "en-US", "female", 16_000)); }
    @Override public String defaultVoice() { return "v"; }
    @Override public String engine() { return "held-up silence"; }
    @Override public Synthesis synthesize(String text, String voice) {
      return new Synthesis() {
        private int read;
        @Override public AudioChunk next() throws TtsException {
          if (read == 1 && !awaitRelease()) throw new TtsException("never released");
          return read++ < 2 ? new AudioChunk(FORMAT, new byte[640]) : null;
        }
        @Override public void close() {}
      };
    }
    @Override public void close() {}
  }

  @BeforeEach
  void start() throws Exception {
    WyomingServer.Speech speech = new WyomingServer.Speech(() -> {
      awaitRelease();
      throw new SttException("no recognizer here");
    }, "model", "en", 30_000, new HeldUpVoice(), WyomingConnectionLimitsTest.frontEnd(pool), "test");
    server = WyomingServer.start(new WyomingServer.Settings("127.0.0.1", 0, -1,
        new WyomingServer.Limits(4, 4, 1 << 20, 4_000, 30_000, 30_000, 30_000), "test"), speech, Announcer.NONE);
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
    pool.shutdownNow();
  }

  @Test
  void issue16_theConnectionThreadReadsWhileItsSpeechIsMadeAndTheAnswersKeepTheirOrder() throws Exception {
    Set<Thread> before = connectionThreads();
    try (WyomingTestClient c = WyomingTestClient.connect(server.ports().get("stt"))) {
      c.send("synthesize", JSON.createObjectNode().put("text", "Hello."));
      assertThat(c.read().type()).isEqualTo("audio-start");
      assertThat(c.read().type()).isEqualTo("audio-chunk"); // the second chunk waits for the release
      c.send("ping", JSON.createObjectNode().put("text", "during the speech"));
      assertThat(readingThread(before)).as("the connection's thread reads while its speech is held up").isTrue();
      release.countDown();
      List<String> types = WyomingTestClient.types(c.readUntil("pong"));
      assertThat(types).as("the ping is answered after the speech it came behind").containsExactly("audio-chunk",
          "audio-stop", "pong");
    }
  }

  @Test
  void issue16_theConnectionThreadReadsWhileItsRecognizerIsBorrowed() throws Exception {
    Set<Thread> before = connectionThreads();
    try (WyomingTestClient c = WyomingTestClient.connect(server.ports().get("stt"))) {
      c.send("audio-start", JSON.createObjectNode().put("rate", 16_000).put("width", 2).put("channels", 1));
      assertThat(readingThread(before)).as("the connection's thread reads while the recognizer is borrowed").isTrue();
      release.countDown();
      WyomingServerTest.assertError(c, "stt_failed", "no recognizer here");
    }
  }

  private boolean awaitRelease() {
    try {
      return release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Whether the connection thread started after {@code before} is (within 10 s) blocked reading the socket for the
   * next event, which it could not be while it waited for a model.
   */
  private static boolean readingThread(Set<Thread> before) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (Thread t : connectionThreads()) {
        if (before.contains(t)) continue;
        for (StackTraceElement frame : t.getStackTrace()) {
          if (frame.getClassName().equals(DeadlineInput.class.getName()) && frame.getMethodName().equals("read")) {
            return true;
          }
        }
      }
      Thread.sleep(20); // the thread gets to the read a moment after it handed the event over
    }
    return false;
  }

  private static Set<Thread> connectionThreads() {
    Set<Thread> threads = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("hearth-wyoming-") && t.getName().contains("-conn-")) threads.add(t);
    }
    return threads;
  }
}
