package dev.hearth.sched;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.bench.Stats;
import dev.hearth.protocols.page.ServerMessage.AudioStart;
import dev.hearth.protocols.page.ServerMessage.TurnDone;
import dev.hearth.web.WsTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's acceptance for fair sharing: a voice turn's first audio while two 10,000-character MaryTTS {@code /process}
 * requests and two {@code /v1/audio/speech} clients that never read are running. Each turn streams the
 * {@code what_time.wav} recording over /ws in 20 ms frames at wall-clock pace and is timed from {@code stop} to the
 * turn's {@code audio-start}; the same turns are first run with nothing else going on. A benchmark, not a test: it
 * prints numbers and fails only when a turn fails. Run it with {@code scripts/bench-fairness [TURNS]} (default 20).
 */
@Tag("bench")
class FairSharingBenchmark {
  /** How often a fresh non-reading client replaces the oldest (a stalled one is cut off after the write timeout). */
  private static final long NON_READER_RENEW_MILLIS = 4_000;
  /** Audio bytes the /process clients received, and non-reading clients started: the load was really there. */
  private static final AtomicLong processBytes = new AtomicLong();
  private static final AtomicLong nonReadersStarted = new AtomicLong();

  @Test
  void voiceTurnsFirstAudioUnderLoad(@TempDir Path dir) throws Exception {
    int turns = Integer.getInteger("hearth.bench.turns", 20);
    AudioChunk question = Wav.read(TestData.home().resolve("testdata/skills/what_time.wav"));
    try (Hearth hearth = TestServers.start(dir, Map.of())) {
      System.out.printf("speech threads: %d, recognition threads: %d, cores: %d%n", hearth.config().tts().threads(),
          hearth.config().stt().threads(), Runtime.getRuntime().availableProcessors());
      turn(hearth.port(), question); // warm-up, not counted
      Stats idle = Stats.of(turns(hearth.port(), question, turns, "idle"));
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> load = new ArrayList<>();
      for (int i = 0; i < 2; i++) load.add(start("process-" + i, () -> longProcess(hearth, stop)));
      load.add(start("non-readers", () -> nonReaders(hearth.port(), stop)));
      Stats loaded;
      try {
        Thread.sleep(3_000); // the load has begun speaking
        long loadStart = System.nanoTime();
        processBytes.set(0);
        loaded = Stats.of(turns(hearth.port(), question, turns, "loaded"));
        double seconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("load meanwhile: /process received %.1f s of audio in %.0f s; %d non-reading clients started%n",
            processBytes.get() / (double) hearth.config().tts().sampleRateHz() / 2, seconds, nonReadersStarted.get());
      } finally {
        stop.set(true);
        for (Thread t : load) t.join(30_000);
      }
      System.out.printf("Fair sharing, %d voice turns, release→first audio: idle p50 %.0f p95 %.0f ms; with two "
          + "10,000-character /process requests and two non-reading /v1/audio/speech clients p50 %.0f p95 %.0f max %.0f ms"
          + " (target p95 ≤ 400)%n", turns, idle.p50(), idle.p95(), loaded.p50(), loaded.p95(), loaded.max());
    }
  }

  private static List<Double> turns(int port, AudioChunk question, int turns, String label) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 1; i <= turns; i++) {
      double m = turn(port, question);
      millis.add(m);
      System.out.printf("%s turn %2d: release→first audio %.0f ms%n", label, i, m);
    }
    return millis;
  }

  /** One voice turn: the recording in 20 ms frames, then release; returns release → audio-start in milliseconds. */
  private static double turn(int port, AudioChunk audio) throws Exception {
    try (WsTestClient ws = WsTestClient.connect(port)) {
      ws.send("{\"type\":\"start\",\"sample_rate\":" + audio.format().rateHz() + ",\"format\":\"pcm_s16le\"}");
      int frame = audio.format().bytesPerSecond() / 50;
      long begin = System.nanoTime();
      for (int off = 0, i = 0; off < audio.pcm().length; off += frame, i++) {
        long due = begin + i * 20_000_000L; // at wall-clock pace, as a microphone sends
        long early = due - System.nanoTime();
        if (early > 0) Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
        ws.sendAudio(audio.pcm(), off, Math.min(frame, audio.pcm().length - off));
      }
      long released = System.nanoTime();
      ws.send("{\"type\":\"stop\"}");
      ws.await(AudioStart.class, a -> true, Duration.ofSeconds(120));
      double millis = (System.nanoTime() - released) / 1e6;
      ws.await(TurnDone.class, d -> true, Duration.ofSeconds(120));
      return millis;
    }
  }

  /** A streamed 10,000-character {@code /process}, read as it comes, again and again until {@code stop}. */
  private static void longProcess(Hearth hearth, AtomicBoolean stop) {
    String form = "INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_STREAM&LOCALE=en_US&INPUT_TEXT="
        + URLEncoder.encode(FairSharingTest.LONG_TEXT, StandardCharsets.UTF_8);
    byte[] buf = new byte[16 * 1024];
    for (int round = 0; round < 100 && !stop.get(); round++) {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + hearth.compatPort("marytts", "http")
            + "/process").toURL().openConnection();
        c.setDoOutput(true);
        c.getOutputStream().write(form.getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = c.getInputStream()) {
          int n;
          while (!stop.get() && (n = in.read(buf)) >= 0) processBytes.addAndGet(n);
        }
        c.disconnect();
      } catch (IOException e) {
        System.out.println("/process failed: " + e.getMessage());
      }
    }
  }

  /** Two {@code /v1/audio/speech} clients at all times that never read; the oldest is replaced every few seconds. */
  private static void nonReaders(int port, AtomicBoolean stop) {
    String body = "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + FairSharingTest.LONG_TEXT.substring(0, 4_000) + "\"}";
    List<Socket> open = new ArrayList<>();
    try {
      for (int round = 0; round < 1_000 && !stop.get(); round++) {
        Socket s = new Socket();
        s.setReceiveBufferSize(4_096);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = s.getOutputStream();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        open.add(s);
        nonReadersStarted.incrementAndGet();
        while (open.size() > 2) open.remove(0).close();
        if (open.size() == 2) Thread.sleep(NON_READER_RENEW_MILLIS);
      }
    } catch (IOException e) {
      System.out.println("a non-reading client failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      for (Socket s : open) {
        try {
          s.close();
        } catch (IOException e) {
          // closing: nothing to do
        }
      }
    }
  }

  private static Thread start(String name, Runnable work) {
    Thread t = new Thread(work, "fairness-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
