package dev.hearth.llm.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir Path data;
  @TempDir Path elsewhere;

  private static Path checkpoint(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), FakeHub.CONFIG);
    Files.writeString(dir.resolve("tokenizer_config.json"), FakeHub.TOKENIZER_CONFIG);
    Files.writeString(dir.resolve("tokenizer.json"), "{}");
    Files.write(dir.resolve("model.safetensors"), new byte[1000]);
    return dir;
  }

  @Test
  void pulledAndAddedModelsAreListedAndOneIsActive() throws IOException {
    ModelRegistry r = new ModelRegistry(data);
    Path pulled = checkpoint(r.modelsDir().resolve("Qwen2.5-0.5B-Instruct"));
    Files.writeString(pulled.resolve(ModelPuller.MANIFEST), "{}");
    checkpoint(r.modelsDir().resolve("half-pulled"));  // no manifest: not complete, not listed
    r.add(checkpoint(elsewhere.resolve("SmolLM2-360M-Instruct")), null);
    assertThat(r.list()).extracting(ModelRegistry.LocalModel::name).containsExactly("Qwen2.5-0.5B-Instruct", "SmolLM2-360M-Instruct");
    assertThat(r.find("SmolLM2-360M-Instruct").orElseThrow().source()).isEqualTo(ModelRegistry.Source.ADDED);
    assertThat(r.active()).isEmpty();
    r.use("SmolLM2-360M-Instruct");
    assertThat(new ModelRegistry(data).active()).contains("SmolLM2-360M-Instruct");
    assertThat(data.resolve("llm-models.json.tmp")).doesNotExist();
  }

  @Test
  void addChecksTheFolderAndNamesWhatIsMissing() throws IOException {
    ModelRegistry r = new ModelRegistry(data);
    Files.writeString(elsewhere.resolve("config.json"), "{}");
    assertThatThrownBy(() -> r.add(elsewhere, "x")).hasMessageContaining("tokenizer.json").hasMessageContaining("safetensors");
    checkpoint(elsewhere);
    r.add(elsewhere, "mine");
    assertThatThrownBy(() -> r.add(elsewhere, "mine")).hasMessageContaining("already known");
    assertThatThrownBy(() -> r.add(elsewhere, "../up")).hasMessageContaining("may hold only");
  }

  /** Regression: add only checked that the files existed, so a foreign architecture failed only at start-up. */
  @Test
  void addRefusesAnUnsupportedArchitectureOrAMissingChatTemplateAndRegistersNothing() throws IOException {
    ModelRegistry r = new ModelRegistry(data);
    Path dir = checkpoint(elsewhere.resolve("Mistral-7B-Instruct"));
    Files.writeString(dir.resolve("config.json"), FakeHub.CONFIG.replace("Qwen2ForCausalLM", "MistralForCausalLM"));
    assertThatThrownBy(() -> r.add(dir, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("architecture MistralForCausalLM is not supported; supported: LlamaForCausalLM, Qwen2ForCausalLM");
    Files.writeString(dir.resolve("config.json"), FakeHub.CONFIG);
    Files.writeString(dir.resolve("tokenizer_config.json"), "{}");
    assertThatThrownBy(() -> r.add(dir, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no chat template");
    assertThat(r.list()).isEmpty();
    assertThat(data.resolve("llm-models.json")).doesNotExist();
  }

  @Test
  void removeDeletesOnlyPulledFoldersAndOnlyUnregistersAddedOnes() throws IOException {
    ModelRegistry r = new ModelRegistry(data);
    Path pulled = checkpoint(r.modelsDir().resolve("Pulled"));
    Files.writeString(pulled.resolve(ModelPuller.MANIFEST), "{}");
    Path mine = checkpoint(elsewhere.resolve("Mine"));
    r.add(mine, null);
    r.use("Mine");
    assertThat(r.remove("Mine")).contains("unregistered");
    assertThat(mine.resolve("model.safetensors")).exists();
    assertThat(r.active()).isEmpty();
    assertThat(r.remove("Pulled")).contains("deleted");
    assertThat(pulled).doesNotExist();
    assertThat(r.list()).isEmpty();
    assertThatThrownBy(() -> r.remove("Pulled")).hasMessageContaining("no model named Pulled");
    assertThatThrownBy(() -> r.use("nothing")).hasMessageContaining("no model named nothing");
  }
}
