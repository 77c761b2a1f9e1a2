package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.llm.Fixtures;
import dev.hearth.llm.hub.FakeHub;
import dev.hearth.llm.hub.ModelPuller;
import dev.hearth.llm.hub.ModelRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth models add|use|remove|pull} run in-process against a temporary data folder (and a fake hub). */
class ModelsCommandTest {
  @TempDir Path tmp;
  private Path data;
  private Path config;

  @BeforeEach
  void setUp() throws IOException {
    data = tmp.resolve("data");
    config = Files.writeString(tmp.resolve("hearth.properties"), "");  // not the user's own settings
  }

  private Cli models(String... args) {
    List<String> all = new ArrayList<>(List.of("models"));
    all.add(args[0]);
    all.addAll(List.of("--config", config.toString(), "--set", "store.data_dir=" + data));
    all.addAll(Arrays.asList(args).subList(1, args.length));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void aFolderIsAddedMadeActiveAndRemovedWithItsFilesLeftAlone() throws Exception {
    Path folder = LlmCommandTest.linkedCopy("tiny-qwen2", tmp);
    Cli add = models("add", folder.toString(), "--name", "tiny");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).startsWith("added tiny (" + folder.toAbsolutePath()).contains("hearth models use tiny");

    Cli use = models("use", "tiny");
    assertThat(use.exit()).as(use.err()).isZero();
    assertThat(use.out()).isEqualTo("tiny is now the active local LLM" + System.lineSeparator());
    assertThat(new ModelRegistry(data).active()).contains("tiny");

    Cli again = models("add", folder.toString(), "--name", "tiny");
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("hearth: a model named tiny is already known");

    Cli remove = models("remove", "tiny");
    assertThat(remove.exit()).as(remove.err()).isZero();
    assertThat(remove.out()).contains("unregistered tiny; its folder " + folder.toAbsolutePath() + " was left as it is");
    assertThat(folder.resolve("config.json")).exists();
    assertThat(new ModelRegistry(data).list()).isEmpty();
    assertThat(new ModelRegistry(data).active()).isEmpty();

    Cli unknown = models("use", "tiny");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("hearth: no model named tiny");
  }

  @Test
  void aFolderThatCannotRunIsNotAdded() {
    Cli add = models("add", Fixtures.dir("tiny-llama").toString());  // no tokenizer.json, no chat template
    assertThat(add.exit()).isEqualTo(2);
    assertThat(add.err()).contains("is not a Hugging Face checkpoint folder: it lacks tokenizer.json");
    assertThat(data.resolve("llm-models.json")).doesNotExist();
  }

  @Test
  void aPullFromTheHubCanBeUsedAndRemoved() throws Exception {
    try (FakeHub hub = new FakeHub()) {
      hub.files.put("config.json", FakeHub.CONFIG.getBytes(StandardCharsets.UTF_8));
      hub.files.put("tokenizer_config.json", FakeHub.TOKENIZER_CONFIG.getBytes(StandardCharsets.UTF_8));
      hub.files.put("tokenizer.json", "{\"model\":{}}".getBytes(StandardCharsets.UTF_8));
      hub.files.put("model.safetensors", new byte[50_000]);
      Cli pull = models("pull", hub.repo, "--set", "llm.hub_endpoint=" + hub.endpoint());
      assertThat(pull.exit()).as(pull.err()).isZero();
      assertThat(pull.out()).contains("Tiny-Chat-Instruct: 4 files").contains("commit " + FakeHub.SHA)
          .contains("hearth models use Tiny-Chat-Instruct");
      assertThat(pull.err()).contains("Pulling " + hub.repo + " (main) from " + hub.endpoint())
          .contains("model.safetensors: done, checksum ok");
      Path folder = data.resolve("models/Tiny-Chat-Instruct");
      assertThat(folder.resolve(ModelPuller.MANIFEST)).exists();

      assertThat(models("use", "Tiny-Chat-Instruct").exit()).isZero();
      Cli remove = models("remove", "Tiny-Chat-Instruct");
      assertThat(remove.out()).contains("deleted " + folder);
      assertThat(folder).doesNotExist();

      hub.files.put("config.json", FakeHub.CONFIG.replace("Qwen2ForCausalLM", "MistralForCausalLM")
          .getBytes(StandardCharsets.UTF_8));
      Cli refused = models("pull", hub.repo, "--set", "llm.hub_endpoint=" + hub.endpoint());
      assertThat(refused.exit()).isEqualTo(2);
      assertThat(refused.err()).contains("hearth: " + hub.repo + " at main cannot run in Hearth")
          .contains("MistralForCausalLM is not supported");
      assertThat(folder).doesNotExist();
    }
  }

  @Test
  void aRepositoryIdMustBeOwnerSlashName() {
    Cli pull = models("pull", "just-a-name");
    assertThat(pull.exit()).isEqualTo(2);
    assertThat(pull.err()).contains("'just-a-name' is not a repository id; write it as owner/name");
  }
}
