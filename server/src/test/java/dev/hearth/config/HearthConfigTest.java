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
  void environmentNamesFollowTheKeys() {
    assertThat(HearthConfig.envName("stt.model_dir")).isEqualTo("HEARTH_STT_MODEL_DIR");
  }

  /** The README's configuration table is checked against the code, so it cannot go stale. */
  @Test
  void readmeDocumentsEverySettingWithItsDefault() throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("hearth.home", "..")).resolve("README.md"));
    HearthConfig c = HearthConfig.defaults();
    for (String key : c.keys().keySet()) {
      assertThat(readme).as("README row for " + key).contains("| `" + key + "` |");
      if (key.equals("stt.model_dir") || key.equals("store.data_dir") || key.endsWith(".threads")) continue;
      assertThat(readme).as("README default for " + key).contains("| `" + key + "` | `" + c.value(key) + "` |");
    }
  }
}
