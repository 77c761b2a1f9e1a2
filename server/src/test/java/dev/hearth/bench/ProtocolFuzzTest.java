package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole fuzz set CI runs ({@code scripts/fuzz-protocols} runs the same against a started {@code hearth run}): every
 * listener of a real server refuses each hostile input as its document says, and a voice turn after each still works.
 */
class ProtocolFuzzTest {
  @Test
  void everyListenerRefusesHostileInputAndAVoiceTurnStillWorksAfterEach(@TempDir Path data) throws Exception {
    try (Hearth server = TestServers.start(data, Map.of())) {
      ProtocolFuzz.Target target = new ProtocolFuzz.Target("127.0.0.1", server.port(),
          server.compatPort("vosk-server", "ws"), server.compatPort("wyoming", "stt"), server.compatPort("wyoming", "tts"),
          server.compatPort("marytts", "http"));
      HttpClient http = HttpClient.newHttpClient();
      List<ProtocolFuzz.Result> results;
      try (Canary canary = new Canary(http, target.ws("/ws"),
          SoakCommand.canary(TestData.home().resolve("testdata/skills/what_time.wav")), System.out)) {
        assertThat(canary.ask()).as("the canary before any case").isTrue();
        results = ProtocolFuzz.run(ProtocolFuzz.cases(), target, http, canary, System.out);
      }

      assertThat(results).filteredOn(r -> !r.canaryAnswered()).as("cases after which the canary failed").isEmpty();
      assertThat(results).filteredOn(ProtocolFuzz.Result::failed)
          .extracting(r -> r.fuzzCase().name() + " → " + r.verdict().answer()).as("inputs not refused as documented")
          .isEmpty();
    }
  }

  @Test
  void everyCaseHasItsOwnName() {
    List<String> names = ProtocolFuzz.cases().stream().map(ProtocolFuzz.Case::name).toList();
    assertThat(names).doesNotHaveDuplicates();
  }
}
