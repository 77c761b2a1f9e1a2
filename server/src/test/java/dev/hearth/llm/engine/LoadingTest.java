package dev.hearth.llm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.llm.Fixtures;
import dev.hearth.llm.checkpoint.Checkpoint;
import dev.hearth.llm.checkpoint.CheckpointException;
import dev.hearth.llm.checkpoint.SafetensorsFile;
import dev.hearth.llm.checkpoint.SafetensorsWriter;
import dev.hearth.llm.checkpoint.SafetensorsWriter.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading real folders: block-wise conversion, and the clear errors for broken or foreign checkpoints. */
class LoadingTest {
  /**
   * Rounding every weight to half precision (2^-11 relative) moves tiny-llama's logits (up to 7.6 in size) by 0.013 at
   * most over the golden cases; a decoding bug (bytes swapped, exponent bias off) moves them by whole units.
   */
  private static final double F16_TOLERANCE = 0.05;

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

  @Test
  void aCheckpointSplitAcrossTwoShardsLoadsThroughItsIndex() throws IOException {
    Path dir = copyOf("tiny-llama");
    Map<String, Tensor> all = SafetensorsWriter.read(dir.resolve("model.safetensors"));
    Files.delete(dir.resolve("model.safetensors"));
    Map<String, Tensor> first = new LinkedHashMap<>();
    Map<String, Tensor> second = new LinkedHashMap<>();
    StringBuilder map = new StringBuilder();
    for (Map.Entry<String, Tensor> e : all.entrySet()) {
      // alternate, so that every layer (and the fused q/k/v and gate/up arrays) reads from both files
      boolean one = first.size() <= second.size();
      (one ? first : second).put(e.getKey(), e.getValue());
      map.append(map.length() == 0 ? "" : ",").append('"').append(e.getKey()).append("\":\"model-0000")
          .append(one ? 1 : 2).append("-of-00002.safetensors\"");
    }
    SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"), first);
    SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"), second);
    Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":{},\"weight_map\":{" + map + "}}");
    try (Checkpoint checkpoint = Checkpoint.open(dir)) {
      assertThat(checkpoint.get("model.layers.0.self_attn.q_proj.weight").file().path().getFileName())
          .isNotEqualTo(checkpoint.get("model.layers.0.self_attn.k_proj.weight").file().path().getFileName());
    }
    int[] ids = Fixtures.golden("tiny-llama").cases().get(1).promptIds();
    try (LlamaModel sharded = LlamaModel.load(dir)) {
      float[][] expected = GoldenTest.model("tiny-llama").logits(ids);
      float[][] actual = sharded.logits(ids);
      for (int p = 0; p < ids.length; p++) assertThat(Fixtures.maxAbsDiff(actual[p], expected[p])).as("position %d", p).isZero();
    }
  }

  /** An F16 copy of the float32 fixture (every weight rounded to the nearest half) gives its golden logits within half precision. */
  @Test
  void anF16CheckpointGivesTheFloat32LogitsWithinHalfPrecision() throws IOException {
    assertThat(SafetensorsWriter.half(1f)).isEqualTo((short) 0x3c00);
    assertThat(SafetensorsWriter.half(-2.5f)).isEqualTo((short) 0xc100);
    assertThat(SafetensorsWriter.half(1 + 0x1p-11f)).as("a tie rounds to even").isEqualTo((short) 0x3c00);
    assertThat(SafetensorsWriter.half(0x1p-24f)).as("the smallest subnormal").isEqualTo((short) 0x0001);
    Path dir = copyOf("tiny-llama");
    Path weights = dir.resolve("model.safetensors");
    Map<String, Tensor> f16 = SafetensorsWriter.map(SafetensorsWriter.read(weights), SafetensorsWriter::toF16);
    SafetensorsWriter.write(weights, f16);
    Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"float32\"", "\"float16\""));
    try (Checkpoint checkpoint = Checkpoint.open(dir)) {
      assertThat(checkpoint.get("lm_head.weight").info().dtype()).isEqualTo(SafetensorsFile.Dtype.F16);
    }
    Fixtures.Golden golden = Fixtures.golden("tiny-llama");
    try (LlamaModel half = LlamaModel.load(dir)) {
      double worst = 0;
      for (Fixtures.Case c : golden.cases()) {
        try (Session session = half.newSession()) {
          worst = Math.max(worst, Fixtures.maxAbsDiff(session.append(c.promptIds()), golden.row(c.lastRow())));
        }
      }
      assertThat(worst).as("max |F16 - float32| over the golden cases").isLessThan(F16_TOLERANCE).isPositive();
    }
  }

  /** Regression: an o_proj or MLP bias in the file was silently left out of the forward pass. */
  @Test
  void biasesTheEngineDoesNotAddAreRefusedByName() throws IOException {
    for (String bias : new String[] {"self_attn.o_proj.bias", "mlp.down_proj.bias"}) {
      Path dir = tmp.resolve(bias);
      Files.createDirectories(dir);
      Files.copy(Fixtures.dir("tiny-llama").resolve("config.json"), dir.resolve("config.json"));
      Map<String, Tensor> tensors = SafetensorsWriter.read(Fixtures.dir("tiny-llama").resolve("model.safetensors"));
      tensors.put("model.layers.0." + bias, new Tensor("F32", new long[] {64}, new byte[64 * 4]));
      SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors);
      assertThatThrownBy(() -> LlamaModel.load(dir)).isInstanceOf(CheckpointException.class)
          .hasMessageContaining("has a " + bias.replace(".bias", "") + " bias").hasMessageContaining("refusing");
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
