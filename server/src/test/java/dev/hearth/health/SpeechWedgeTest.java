package dev.hearth.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.notify.NotifySocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server (real Vosk, the real pools) whose synthesizer can be wedged: health and the systemd watchdog follow
 * what the watchdog turn finds.
 */
class SpeechWedgeTest {
  private static final ObjectMapper json = new ObjectMapper();
  /** Every health request runs a turn, and a wedged one fails fast. */
  private static final Map<String, String> WATCHDOG = Map.of("watchdog.reuse_millis", "0", "watchdog.deadline_millis", "1500");

  @TempDir Path dir;

  /**
   * Issue 15: an OutOfMemoryError in a MaryTTS producer thread left the speech thread waiting forever, and every voice
   * turn, {@code /process} and {@code /v1} speech hung, while {@code /api/health} still said ready.
   */
  @Test
  void issue15HealthSaysDegradedWhileSpeechIsWedged() throws Exception {
    WedgeableTextToSpeech tts = new WedgeableTextToSpeech();
    try (Hearth hearth = TestServers.unstarted(dir, WATCHDOG).textToSpeech(tts).start()) {
      assertThat(health(hearth).path("status").asText()).isEqualTo("ready");
      tts.wedge();
      HttpResponse<String> wedged = TestServers.get(hearth.port(), "/api/health");
      assertThat(wedged.statusCode()).isEqualTo(503);
      JsonNode report = json.readTree(wedged.body());
      assertThat(report.path("status").asText()).isEqualTo("degraded");
      assertThat(report.path("problem").path("part").asText()).isEqualTo("tts");
      assertThat(report.path("problem").path("reason").asText()).contains("1500 ms");
      assertThat(report.path("process").path("pid").asLong()).as("the rest of the report is still there").isPositive();
      tts.unwedge();
      assertThat(awaitReady(hearth)).isTrue();
    }
  }

  @Test
  void systemdIsFedOnlyWhileWatchdogTurnsSucceed() throws Exception {
    WedgeableTextToSpeech tts = new WedgeableTextToSpeech();
    try (NotifyListener systemd = new NotifyListener(dir.resolve("notify"))) {
      Hearth hearth = TestServers.unstarted(dir.resolve("data"), WATCHDOG).textToSpeech(tts)
          .systemd(Systemd.to(systemd.address)).start();
      try (hearth) {
        assertThat(systemd.next()).isEqualTo("READY=1 STATUS=Ready");
        assertThat(health(hearth).path("status").asText()).isEqualTo("ready");
        // the health request's turn fed it (and a scheduled turn may have too, on a slow machine)
        assertThat(untilMark(systemd)).isNotEmpty().containsOnly("WATCHDOG=1");

        tts.wedge();
        assertThat(health(hearth).path("status").asText()).isEqualTo("degraded");
        assertThat(health(hearth).path("status").asText()).isEqualTo("degraded");
        assertThat(untilMark(systemd)).as("nothing fed the watchdog while speech was wedged").isEmpty();

        tts.unwedge();
        assertThat(awaitReady(hearth)).isTrue();
        assertThat(systemd.next()).isEqualTo("WATCHDOG=1");
      }
      List<String> last = untilMark(systemd);
      assertThat(last).as("a late turn may still feed it, then the server says it stops").endsWith("STOPPING=1 STATUS=Stopping");
    }
  }

  /** What the listener got before a marker this test sends now, in order (a socket keeps datagrams in order). */
  private static List<String> untilMark(NotifyListener systemd) throws Exception {
    try (NotifySocket socket = NotifySocket.connect(systemd.address)) {
      socket.send("MARK=1");
    }
    List<String> got = new ArrayList<>();
    for (String line; !"MARK=1".equals(line = systemd.next()); ) {
      assertThat(line).as("the marker arrives").isNotNull();
      got.add(line);
    }
    return got;
  }

  private static JsonNode health(Hearth hearth) throws Exception {
    return json.readTree(TestServers.get(hearth.port(), "/api/health").body());
  }

  /** Asks for health until it says ready, for at most 20 s. */
  private static boolean awaitReady(Hearth hearth) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (TestServers.get(hearth.port(), "/api/health").statusCode() == 200) return true;
      Thread.sleep(100);
    }
    return false;
  }
}
