package dev.hearth.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The other projects' protocols as the app starts them: each on a port of its own, each switched off by its setting. */
@Tag("model")
class ProtocolServersTest {

  @Test
  void eachListensOnAPortOfItsOwnAndTheBannerSaysWhere(@TempDir Path data) {
    try (Hearth hearth = TestServers.start(data, TestServers.TEXT_ONLY)) {
      List<Integer> ports = List.of(hearth.port(), hearth.compatPort("vosk-server", "ws"), hearth.compatPort("wyoming", "stt"),
          hearth.compatPort("wyoming", "tts"), hearth.compatPort("marytts", "http"));
      assertThat(ports).allMatch(p -> p > 0).doesNotHaveDuplicates();
      assertThat(hearth.banner()).contains("vosk-server:", "Wyoming:", "MaryTTS:", "OpenAI API:",
          ":" + hearth.compatPort("wyoming", "tts") + " (text to speech)", ":" + hearth.port() + "/v1");
    }
  }

  @Test
  void switchedOffNoneListens(@TempDir Path data) throws Exception {
    try (Hearth hearth = TestServers.start(data, TestServers.merged(TestServers.TEXT_ONLY,
        Map.of("vosk_server.enabled", "false", "wyoming.enabled", "false", "marytts_server.enabled", "false",
            "openai_server.enabled", "false")))) {
      assertThat(List.of(hearth.compatPort("vosk-server", "ws"), hearth.compatPort("wyoming", "stt"),
          hearth.compatPort("marytts", "http"))).containsOnly(-1);
      assertThat(TestServers.get(hearth.port(), "/v1/models").statusCode()).isEqualTo(404);
      assertThat(hearth.banner()).doesNotContain("Other projects' clients");
    }
  }

  @Test
  void wyomingServesBothOnOnePortWhenAsked(@TempDir Path data) {
    try (Hearth hearth = TestServers.start(data, TestServers.merged(TestServers.TEXT_ONLY, Map.of("wyoming.tts_port", "-1")))) {
      assertThat(hearth.compatPort("wyoming", "tts")).isEqualTo(hearth.compatPort("wyoming", "stt")).isPositive();
      assertThat(hearth.banner()).contains("(speech to text and text to speech)");
    }
  }
}
