package dev.hearth.llm;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture loader checks testdata/llm against the hashes golden.json pins. */
class FixturesTest {
  @Test
  void everyFixtureMatchesItsPinnedHashes() {
    for (String fixture : Fixtures.ALL) {
      assertThatCode(() -> Fixtures.verify(Fixtures.dir(fixture))).as(fixture).doesNotThrowAnyException();
    }
  }

  @Test
  void aCopyThatDriftedIsNamedFileByFile(@TempDir Path dir) throws IOException {
    for (String f : new String[] {"golden.json", "config.json", "golden_logits.npy", "model.safetensors"}) {
      Files.copy(Fixtures.dir("tiny-llama").resolve(f), dir.resolve(f));
    }
    Fixtures.verify(dir);
    byte[] weights = Files.readAllBytes(dir.resolve("model.safetensors"));
    weights[weights.length - 1] ^= 1;
    Files.write(dir.resolve("model.safetensors"), weights);
    Files.delete(dir.resolve("config.json"));
    assertThatThrownBy(() -> Fixtures.verify(dir)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("model.safetensors has ").hasMessageContaining("config.json has (missing)")
        .hasMessageNotContaining("golden_logits.npy");
  }
}
