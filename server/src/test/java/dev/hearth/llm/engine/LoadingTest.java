package dev.hearth.llm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.llm.Fixtures;
import dev.hearth.llm.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading real folders: block-wise conversion, and the clear errors for broken or foreign checkpoints. */
class LoadingTest {
  @TempDir
  Path tmp;

  @Test
  void loadingInSmallBlocksGivesTheSameWeights() {
    int[] ids = {3, 1, 4, 1, 5};
    // 1 KiB blocks split the BF16 embedding (151936 x 16) into hundreds of row blocks
    try (LlamaModel blocks = LlamaModel.load(Fixtures.dir("tiny-qwen2-bf16"), 1024)) {
      float[][] expected = GoldenTest.model("tiny-qwen2-bf16").logits(ids);
      float[][] actual = blocks.logits(ids);
      assertThat(Fixtures.maxAbsDiff(actual[4], expected[4])).isZero();
    }
  }

  @Test
  void aTruncatedSafetensorsFileIsNamedAsTruncated() throws IOException {
    Path dir = copyOf("tiny-llama");
    Path weights = dir.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
    assertThatThrownBy(() -> LlamaModel.load(dir)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("model.safetensors is not a valid safetensors file")
        .hasMessageContaining("truncated");
  }

  @Test
  void aCorruptHeaderIsRefused() throws IOException {
    Path dir = copyOf("tiny-llama");
    Path weights = dir.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[12] = '!';
    Files.write(weights, bytes);
    assertThatThrownBy(() -> LlamaModel.load(dir)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("not a valid safetensors file");
  }

  @Test
  void anUnsupportedArchitectureNamesTheSupportedOnes() throws IOException {
    Path dir = copyOf("tiny-llama");
    Path config = dir.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("LlamaForCausalLM", "MistralForCausalLM"));
    assertThatThrownBy(() -> LlamaModel.load(dir)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("MistralForCausalLM is not supported")
        .hasMessageContaining("supported: LlamaForCausalLM, Qwen2ForCausalLM");
  }

  @Test
  void aFolderWithoutWeightsSaysWhatIsMissing() throws IOException {
    Path dir = copyOf("tiny-llama");
    Files.delete(dir.resolve("model.safetensors"));
    assertThatThrownBy(() -> LlamaModel.load(dir)).hasMessageContaining("no model.safetensors or model.safetensors.index.json");
    assertThatThrownBy(() -> LlamaModel.load(tmp.resolve("nowhere"))).hasMessageContaining("does not exist");
  }

  @Test
  void aShardedCheckpointLoadsThroughItsIndex() throws IOException {
    Path dir = copyOf("tiny-llama");
    Files.move(dir.resolve("model.safetensors"), dir.resolve("model-00001-of-00001.safetensors"));
    StringBuilder map = new StringBuilder();
    try (var file = dev.hearth.llm.checkpoint.SafetensorsFile.open(dir.resolve("model-00001-of-00001.safetensors"))) {
      for (String name : file.tensors().keySet()) {
        map.append(map.length() == 0 ? "" : ",").append('"').append(name).append("\":\"model-00001-of-00001.safetensors\"");
      }
    }
    Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":{},\"weight_map\":{" + map + "}}");
    try (LlamaModel sharded = LlamaModel.load(dir)) {
      assertThat(Fixtures.maxAbsDiff(sharded.logits(new int[] {309})[0], GoldenTest.model("tiny-llama").logits(new int[] {309})[0]))
          .isZero();
    }
  }

  private Path copyOf(String fixture) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(fixture));
    for (String f : new String[] {"config.json", "model.safetensors"}) {
      Files.copy(Fixtures.dir(fixture).resolve(f), dir.resolve(f));
    }
    return dir;
  }
}
