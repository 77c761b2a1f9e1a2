package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short soak CI runs ({@code scripts/soak} runs the long one): eight clients for a minute against a real server,
 * a fifth of the turns barged in on, some dropped mid-answer, some left unread, with a canary turn every 20 s that
 * must be answered right.
 */
class SoakTest {
  @Test
  void eightClientsForAMinuteWithBargeInsDisconnectsAndNonReadersLeaveEveryCanaryAnswered(@TempDir Path data)
      throws Exception {
    try (Hearth server = TestServers.start(data, Map.of())) {
      Path home = TestData.home();
      Soak soak = new Soak(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), 8, new Soak.Mix(20, 5, 5),
          SoakCommand.wavs(home.resolve("testdata/audio")), SoakCommand.canary(home.resolve("testdata/skills/what_time.wav")),
          15, System.out);

      Soak.Outcome outcome = soak.run(Duration.ofSeconds(60), Duration.ofSeconds(20), null);

      assertThat(outcome.canaryFailures()).as("canary turns that failed").isZero();
      assertThat(outcome.canaries()).isGreaterThanOrEqualTo(4); // start, every 20 s, end
      // with seed 15 the first turns of clients 3 and 7 are barge-ins and client 4's first stops reading
      assertThat(outcome.turnsByEnding().get(BenchClient.Abandon.BARGE_IN)).as("barge-ins").isPositive();
      assertThat(outcome.turnsByEnding().get(BenchClient.Abandon.STOP_READING)).as("non-readers").isPositive();
      assertThat(outcome.turnsByEnding().get(BenchClient.Abandon.NONE)).as("turns heard out").isPositive();
      long turns = outcome.turnsByEnding().values().stream().mapToLong(Long::longValue).sum();
      // a refused socket fails its turn at once: eight clients refused over and over would make thousands of turns
      assertThat(outcome.errors()).as("failed turns, of %d", turns).isLessThanOrEqualTo(turns / 4);
      Soak.Sample start = outcome.samples().get(0);
      Soak.Sample end = outcome.samples().get(outcome.samples().size() - 1);
      assertThat(start.rssBytes()).as("RSS read from /proc").isPositive();
      assertThat(end.threads()).as("threads read from /proc").isPositive();
      assertThat(end.liveHeapBytes()).as("live heap read with jcmd").isPositive();
    }
  }
}
