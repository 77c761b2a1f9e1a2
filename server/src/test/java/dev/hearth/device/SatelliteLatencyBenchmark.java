package dev.hearth.device;

import dev.hearth.satellite.*;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import dev.hearth.bench.Stats;
import dev.hearth.device.ButtonGestures;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.TurnController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the satellite path adds to release → first audio: the same skill-answered recording, alternately through
 * a direct {@code /ws} client (audio pushed straight onto the socket, the first audio frame timed as it arrives)
 * and through a satellite (button gestures, the microphone's capture thread, the socket, the speaker's queue and
 * thread, timed at the first byte the speaker line is given). A benchmark, not a test: it prints numbers and fails
 * only when a turn fails. Run it with {@code scripts/bench-satellite [TURNS]} (default 10).
 */
@Tag("bench")
class SatelliteLatencyBenchmark {
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("a turn did not finish within 30 s");
      Thread.sleep(1);
    }
  }

  @Test
  void releaseToFirstAudio(@TempDir Path dir) throws Exception {
    int turns = Integer.getInteger("hearth.bench.turns", 10);
    byte[] speech = Wav.read(TestData.home().resolve("testdata/skills/what_time.wav")).pcm();
    Hearth server = TestServers.start(dir.resolve("data"), Map.of());
    try (server) {
      Path ca = dir.resolve("hearth-ca.crt");
      Files.write(ca, TestServers.caCertificate(server.port()).getEncoded());
      SSLContext tls = PinnedTls.trusting(ca);
      URI uri = URI.create("wss://localhost:" + server.httpsPort() + "/ws");

      // direct: a /ws client with nothing around it
      AtomicLong firstAudio = new AtomicLong();
      AtomicLong done = new AtomicLong();
      RemoteSession direct = new RemoteSession(uri, tls, new ClientLink() {
        @Override public void send(ServerMessage m) { if (m instanceof ServerMessage.TurnDone) done.set(System.nanoTime()); }
        @Override public void sendAudio(byte[] pcm) { firstAudio.compareAndSet(0, System.nanoTime()); }
      });
      // the satellite: gestures, microphone, socket, speaker
      FakeLines.Speaker speakerLine = new FakeLines.Speaker();
      List<Double> directMs = new ArrayList<>();
      List<Double> satelliteMs = new ArrayList<>();
      try (direct) {
        await(direct::connected);
        for (int i = 0; i <= turns; i++) { // turn 0 warms both paths up and is not counted
          firstAudio.set(0);
          done.set(0);
          direct.start(AudioFormat.pcm16(16_000, 1), null, null);
          for (int off = 0; off < speech.length; off += 640) {
            direct.audio(java.util.Arrays.copyOfRange(speech, off, Math.min(speech.length, off + 640)));
          }
          Thread.sleep(200); // the frames leave in order on the sender thread; release after they are out
          long release = System.nanoTime();
          direct.stop();
          await(() -> done.get() != 0 && firstAudio.get() != 0);
          double directTurn = (firstAudio.get() - release) / 1e6;

          FakeLines.Microphone micLine = new FakeLines.Microphone(speech);
          try (LocalClient client = new LocalClient(link -> new RemoteSession(uri, tls, link),
              new Microphone(micLine, "fake mic", AudioFormat.pcm16(16_000, 1)), new Speaker(speakerLine, "fake speaker"), () -> { })) {
            RemoteSession remote = (RemoteSession) client.session();
            await(remote::connected);
            ButtonGestures button = new ButtonGestures(client, 60_000, 10, false);
            button.edge(true, System.nanoTime());
            await(micLine::exhausted);
            Thread.sleep(200);
            speakerLine.takeFirstWriteNanos();
            long satRelease = System.nanoTime();
            button.edge(false, satRelease);
            AtomicLong heard = new AtomicLong();
            await(() -> {
              heard.compareAndSet(0, speakerLine.takeFirstWriteNanos());
              return heard.get() != 0 && client.session().state() == TurnController.State.IDLE;
            });
            double satelliteTurn = (heard.get() - satRelease) / 1e6;
            if (i > 0) {
              directMs.add(directTurn);
              satelliteMs.add(satelliteTurn);
            }
            System.out.printf("%s: direct %.1f ms, satellite %.1f ms%n", i == 0 ? "warm-up" : String.format("turn %2d", i),
                directTurn, satelliteTurn);
          }
        }
      }
      Stats d = Stats.of(directMs);
      Stats s = Stats.of(satelliteMs);
      System.out.printf("release → first audio, %d turns: direct /ws p50 %.1f ms p95 %.1f ms; satellite p50 %.1f ms p95 %.1f ms%n",
          turns, d.p50(), d.p95(), s.p50(), s.p95());
      System.out.printf("satellite adds: p50 %.1f ms, p95 %.1f ms%n", s.p50() - d.p50(), s.p95() - d.p95());
    }
  }
}
