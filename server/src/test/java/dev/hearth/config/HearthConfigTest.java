package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HearthConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    HearthConfig c = HearthConfig.defaults();
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.tls().enabled()).isTrue();
    assertThat(c.tls().port()).isEqualTo(8443);
    assertThat(c.tls().redirectHttp()).isTrue();
    assertThat(c.stt().maxUtteranceMillis()).isEqualTo(30_000);
    assertThat(c.tts().sampleRateHz()).isEqualTo(24_000);
    assertThat(c.stt().modelDir().getFileName().toString()).isEqualTo("vosk-model-small-en-us-0.15");
  }

  @Test
  void fileThenEnvironmentThenOverridesWin(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("hearth.properties");
    Files.writeString(file, "server.port=9000\nstt.max_utterance_millis=20000\ntts.voice=cmu-slt-hsmm\n");
    HearthConfig c = HearthConfig.load(file, Map.of("HEARTH_SERVER_PORT", "9100"), Map.of("stt.max_utterance_millis", "15000"));
    assertThat(c.server().port()).isEqualTo(9100);
    assertThat(c.stt().maxUtteranceMillis()).isEqualTo(15_000);
  }

  @Test
  void unknownKeysInAFileAreRejectedByName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("hearth.properties");
    Files.writeString(file, "server.prot=9000\n");
    assertThatThrownBy(() -> HearthConfig.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("server.prot");
  }

  @Test
  void impossibleValuesNameTheSetting() {
    assertThatThrownBy(() -> HearthConfig.of(Map.of("server.port", "70000")))
        .hasMessageContaining("server.port").hasMessageContaining("65535");
    assertThatThrownBy(() -> HearthConfig.of(Map.of("stt.max_utterance_millis", "soon")))
        .hasMessageContaining("stt.max_utterance_millis must be a number");
    assertThatThrownBy(() -> HearthConfig.of(Map.of("brain.time_zone", "Mars/Olympus")))
        .hasMessageContaining("brain.time_zone");
  }

  @Test
  void aRecognizerPoolLargerThanItsMostRaisesTheMostWithIt() {
    assertThat(HearthConfig.of(Map.of()).stt().recognizerPoolMax()).isEqualTo(8);
    assertThat(HearthConfig.of(Map.of("stt.recognizer_pool", "12")).stt().recognizerPoolMax()).isEqualTo(12);
    assertThat(HearthConfig.of(Map.of("stt.recognizer_pool_max", "4")).stt().recognizerPoolMax()).isEqualTo(4);
  }

  @Test
  void theMicrophoneOpensAtItsOwnRateUnlessOneIsSet() {
    assertThat(HearthConfig.defaults().audio().inputRateHz()).isZero();
    assertThat(HearthConfig.of(Map.of("audio.input_rate_hz", "48000")).audio().inputRateHz()).isEqualTo(48_000);
    assertThatThrownBy(() -> HearthConfig.of(Map.of("audio.input_rate_hz", "4000")))
        .hasMessage("audio.input_rate_hz is 4000; it must be 0 (the device's own rate) or between 8000 and 48000");
  }

  /** Two or three status LEDs were accepted, and only the first was ever lit. */
  @Test
  void statusLedsAreOneOrFourAndOtherCountsAreRefusedByName() {
    assertThat(HearthConfig.of(Map.of("gpio.led_lines", "27")).gpio().ledLines()).containsExactly(27);
    assertThat(HearthConfig.of(Map.of("gpio.led_lines", "5,6,13,19")).gpio().ledLines()).containsExactly(5, 6, 13, 19);
    assertThatThrownBy(() -> HearthConfig.of(Map.of("gpio.led_lines", "27,22")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("gpio.led_lines lists 2 lines (27,22); give one (it shows every state by its blink pattern) or four"
            + " (listening, thinking, speaking, error), or none");
    assertThatThrownBy(() -> HearthConfig.of(Map.of("gpio.led_lines", "5,6,13,19,26"))).hasMessageStartingWith("gpio.led_lines lists 5 lines");
  }

  @Test
  void aMissingModelFolderSaysWhatToDo(@TempDir Path dir) {
    HearthConfig c = HearthConfig.of(Map.of("stt.model_dir", dir.resolve("nope").toString()));
    assertThatThrownBy(() -> c.stt().validateModel())
        .hasMessageContaining("stt.model_dir").hasMessageContaining("does not exist").hasMessageContaining("HEARTH_STT_MODEL_DIR");
  }

  @Test
  void anIncompleteModelFolderIsCalledIncomplete(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("am"));
    Files.writeString(dir.resolve("am/final.mdl"), "");
    HearthConfig c = HearthConfig.of(Map.of("stt.model_dir", dir.toString()));
    assertThatThrownBy(() -> c.stt().validateModel()).hasMessageContaining("not a complete Vosk model");
  }

  @Test
  void openAiSettingsAlsoComeFromTheSdksOwnEnvironmentVariablesBelowHearthsNames() {
    HearthConfig sdk = HearthConfig.load(null, Map.of("OPENAI_API_KEY", "sk-from-sdk-env", "OPENAI_BASE_URL", "http://gpu.local:8000/v1/"),
        Map.of());
    assertThat(sdk.openai().enabled()).isTrue();
    assertThat(sdk.openai().apiKey()).isEqualTo("sk-from-sdk-env");
    assertThat(sdk.openai().baseUrl()).isEqualTo("http://gpu.local:8000/v1");
    HearthConfig both = HearthConfig.load(null, Map.of("OPENAI_API_KEY", "sk-sdk", "HEARTH_OPENAI_API_KEY", "sk-hearth"), Map.of());
    assertThat(both.openai().apiKey()).isEqualTo("sk-hearth");
    assertThat(HearthConfig.defaults().openai().enabled()).as("nothing online without a key").isFalse();
    assertThatThrownBy(() -> HearthConfig.of(Map.of("openai.base_url", "api.openai.com/v1")))
        .hasMessageContaining("openai.base_url must be an http:// or https:// URL");
    assertThatThrownBy(() -> HearthConfig.of(Map.of("brain.order", "cloud-first")))
        .hasMessageContaining("brain.order must be local-first or openai-first");
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertThat(HearthConfig.envName("stt.model_dir")).isEqualTo("HEARTH_STT_MODEL_DIR");
  }

  /** The settings tables of docs/configuration.md are checked against the code, so they cannot go stale. */
  @Test
  void docsDocumentEverySettingWithItsDefault() throws IOException {
    Path file = Path.of(System.getProperty("hearth.home", "..")).resolve("docs/configuration.md");
    String doc = Files.readString(file);
    HearthConfig c = HearthConfig.defaults();
    for (String key : c.keys().keySet()) {
      assertThat(doc).as(file + " row for " + key).contains("| `" + key + "` |");
      if (key.equals("stt.model_dir") || key.equals("store.data_dir") || key.endsWith(".threads")) continue;
      if (key.equals("brain.system_prompt")) {
        assertThat(doc).as(file + " quotes the default system prompt").contains("> " + c.value(key));
        continue;
      }
      String value = c.value(key);
      String shown = value.isEmpty() ? "none" : "`" + value + "`";
      assertThat(doc).as(file + " default for " + key).contains("| `" + key + "` | " + shown + " |");
    }
  }

  @Test
  void listSettingsAreCommaSeparatedAndTrimmed() {
    HearthConfig c = HearthConfig.of(Map.of("tls.extra_names", " hearth.home.arpa , 192.168.1.20,,fd00::20 ",
        "server.allowed_origins", "https://hearth.example.com, http://192.168.1.20:8080"));
    assertThat(c.tls().extraNames()).containsExactly("hearth.home.arpa", "192.168.1.20", "fd00::20");
    assertThat(c.server().allowedOrigins()).containsExactly("https://hearth.example.com", "http://192.168.1.20:8080");
    assertThat(c.value("tls.extra_names")).isEqualTo("hearth.home.arpa,192.168.1.20,fd00::20");
    assertThat(HearthConfig.defaults().tls().extraNames()).isEmpty();
  }

  @Test
  void anAllowedOriginMustBeSchemeHostAndPortOnly() {
    assertThatThrownBy(() -> HearthConfig.of(Map.of("server.allowed_origins", "https://hearth.example.com/app")))
        .hasMessageContaining("server.allowed_origins").hasMessageContaining("no path");
    assertThatThrownBy(() -> HearthConfig.of(Map.of("server.allowed_origins", "hearth.example.com")))
        .hasMessageContaining("scheme://host[:port]");
    assertThat(HearthConfig.of(Map.of("server.allowed_origins", "http://[fd00::20]:8080")).server().allowedOrigins())
        .containsExactly("http://[fd00::20]:8080");
  }

  @Test
  void aCertificateNeedsItsKeyAndTheOtherWayRound() {
    assertThatThrownBy(() -> HearthConfig.of(Map.of("tls.cert_file", "/etc/hearth/fullchain.pem")))
        .hasMessageContaining("tls.cert_file is set but tls.key_file is not").hasMessageContaining("give both");
    assertThatThrownBy(() -> HearthConfig.of(Map.of("tls.key_file", "/etc/hearth/privkey.pem")))
        .hasMessageContaining("tls.key_file is set but tls.cert_file is not");
    HearthConfig both = HearthConfig.of(Map.of("tls.cert_file", "/c.pem", "tls.key_file", "/k.pem"));
    assertThat(both.tls().certFile()).contains(Path.of("/c.pem"));
    assertThat(HearthConfig.defaults().tls().certFile()).isEmpty();
  }

  @Test
  void extraNamesMustBeHostNamesOrAddresses() {
    assertThatThrownBy(() -> HearthConfig.of(Map.of("tls.extra_names", "my hearth")))
        .hasMessageContaining("tls.extra_names").hasMessageContaining("'my hearth'");
  }

  @Test
  void httpsNeedsAPortOfItsOwn() {
    assertThatThrownBy(() -> HearthConfig.of(Map.of("server.port", "9000", "tls.port", "9000")))
        .hasMessageContaining("tls.port and server.port are both 9000");
    assertThat(HearthConfig.of(Map.of("server.port", "0", "tls.port", "0")).tls().port()).isZero();
  }

  @Test
  void pingsMustComeMoreOftenThanTheIdleTimeout() {
    assertThatThrownBy(() -> HearthConfig.of(Map.of("server.ping_interval_millis", "60000",
        "server.idle_timeout_millis", "60000")))
        .hasMessageContaining("server.ping_interval_millis (60000) must be shorter than server.idle_timeout_millis");
    assertThat(HearthConfig.of(Map.of("server.ping_interval_millis", "1000", "server.idle_timeout_millis", "5000"))
        .server().idleTimeoutMillis()).isEqualTo(5_000);
  }
}
