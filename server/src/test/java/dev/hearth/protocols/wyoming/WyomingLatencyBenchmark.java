package dev.hearth.protocols.wyoming;

import static dev.hearth.protocols.wyoming.WyomingTestClient.JSON;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.bench.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Home Assistant waits for from Hearth's Wyoming server on localhost: {@code describe} → {@code info} on a new
 * connection (Home Assistant allows 1 s), {@code audio-stop} → {@code transcript} after streaming a 2.8 s utterance
 * as fast as the socket takes it (so it includes decoding what Vosk had not reached yet; Home Assistant streams in
 * real time, which leaves only the last chunk), and {@code synthesize} → first {@code audio-chunk} of a two-sentence
 * reply. A
 * benchmark, not a test: it prints numbers and fails only when a request fails. Run it with
 * {@code scripts/bench-wyoming [ROUNDS]} (default 20).
 */
@Tag("bench")
class WyomingLatencyBenchmark {
  @Test
  void homeAssistantRequests(@TempDir Path dir) throws Exception {
    int rounds = Integer.getInteger("hearth.bench.turns", 20);
    AudioChunk utterance = Wav.read(TestData.audio("ps_goforward.wav"));
    try (Hearth hearth = TestServers.start(dir, Map.of())) {
      int stt = hearth.compatPort("wyoming", "stt");
      int tts = hearth.compatPort("wyoming", "tts");
      List<Double> describe = new ArrayList<>();
      List<Double> transcript = new ArrayList<>();
      List<Double> firstAudio = new ArrayList<>();
      for (int i = 0; i <= rounds; i++) { // round 0 warms up and is not counted
        double d = describe(stt);
        double t = transcribe(stt, utterance);
        double a = firstAudio(tts);
        if (i > 0) {
          describe.add(d);
          transcript.add(t);
          firstAudio.add(a);
        }
        System.out.printf("%s: describe→info %.1f ms, audio-stop→transcript %.1f ms, synthesize→first audio %.1f ms%n",
            i == 0 ? "warm-up" : String.format("round %2d", i), d, t, a);
      }
      Stats ds = Stats.of(describe);
      Stats ts = Stats.of(transcript);
      Stats fs = Stats.of(firstAudio);
      System.out.printf("Wyoming, %d rounds: describe→info p50 %.1f p95 %.1f ms (Home Assistant allows 1000); "
          + "audio-stop→transcript p50 %.1f p95 %.1f ms; synthesize→first audio p50 %.1f p95 %.1f ms%n",
          rounds, ds.p50(), ds.p95(), ts.p50(), ts.p95(), fs.p50(), fs.p95());
    }
  }

  private static double describe(int port) throws Exception {
    long start = System.nanoTime();
    try (WyomingTestClient c = WyomingTestClient.connect(port)) {
      c.send("describe");
      c.readUntil("info");
      return (System.nanoTime() - start) / 1e6;
    }
  }

  private static double transcribe(int port, AudioChunk audio) throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(port)) {
      c.send("transcribe", JSON.createObjectNode().put("language", "en"));
      var format = JSON.createObjectNode().put("rate", 16_000).put("width", 2).put("channels", 1);
      c.send("audio-start", format);
      for (int off = 0; off < audio.pcm().length; off += 2048) {
        c.send("audio-chunk", format, Arrays.copyOfRange(audio.pcm(), off, Math.min(audio.pcm().length, off + 2048)));
      }
      long start = System.nanoTime();
      c.send("audio-stop");
      List<WyomingTestClient.Event> events = c.readUntil("transcript");
      double millis = (System.nanoTime() - start) / 1e6;
      String text = events.get(events.size() - 1).text("text");
      if (!text.equals("go forward ten meters")) throw new AssertionError("transcribed as: " + text);
      return millis;
    }
  }

  private static double firstAudio(int port) throws Exception {
    try (WyomingTestClient c = WyomingTestClient.connect(port)) {
      long start = System.nanoTime();
      c.send("synthesize", JSON.createObjectNode().put("text", "The kitchen light is on. Anything else?"));
      c.readUntil("audio-chunk");
      double millis = (System.nanoTime() - start) / 1e6;
      c.readUntil("audio-stop");
      return millis;
    }
  }
}
