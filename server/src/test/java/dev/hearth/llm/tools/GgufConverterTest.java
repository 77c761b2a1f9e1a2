package dev.hearth.llm.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hearth.llm.Fixtures;
import dev.hearth.llm.checkpoint.Half;
import dev.hearth.llm.checkpoint.SafetensorsWriter;
import dev.hearth.llm.checkpoint.SafetensorsWriter.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny fixtures converted to GGUF and read back by {@link GgufReader}. That llama.cpp computes the same greedy ids
 * from these files as the golden ones is checked by scripts/bench-llm-peer (tools/llm-peer/check.mjs).
 */
class GgufConverterTest {
  @TempDir
  Path tmp;

  @Test
  void tinyLlamaInF32KeepsEveryValueAndPermutesQueryAndKeyRowsWithinEachHead() throws IOException {
    Converted c = convert("tiny-llama", GgmlType.F32);
    GgufReader gguf = c.gguf();
    Map<String, Tensor> source = c.source();

    assertThat(gguf.version()).isEqualTo(3);
    assertThat(c.summary().tensors()).isEqualTo(gguf.tensors().size()).isEqualTo(1 + 4 * 9 + 2); // embd, 4 layers, norm, output
    Map<String, Object> m = gguf.metadata();
    assertThat(m).containsEntry("general.architecture", "llama").containsEntry("general.alignment", 32L)
        .containsEntry("general.file_type", 0L).containsEntry("llama.block_count", 4L)
        .containsEntry("llama.embedding_length", 64L).containsEntry("llama.feed_forward_length", 172L)
        .containsEntry("llama.attention.head_count", 8L).containsEntry("llama.attention.head_count_kv", 4L)
        .containsEntry("llama.rope.dimension_count", 8L).containsEntry("llama.context_length", 2048L)
        .containsEntry("llama.attention.layer_norm_rms_epsilon", 1e-5f).containsEntry("llama.rope.freq_base", 10000f)
        .containsEntry("tokenizer.ggml.model", "llama").containsEntry("tokenizer.ggml.bos_token_id", 1L)
        .containsEntry("tokenizer.ggml.eos_token_id", 2L);
    List<Object> tokens = list(m.get("tokenizer.ggml.tokens"));
    assertThat(tokens).hasSize(512).doesNotHaveDuplicates();
    assertThat(tokens.subList(0, 4)).containsExactly("<unk>", "<s>", "</s>", "<0x00>");
    assertThat(list(m.get("tokenizer.ggml.token_type"))).hasSize(512).startsWith(2L, 3L, 3L, 6L);
    assertThat(list(m.get("tokenizer.ggml.scores"))).hasSize(512);

    assertThat(gguf.dataStart() % 32).isZero();
    long expectedOffset = 0;
    for (GgufReader.Info t : gguf.tensors().values()) {
      assertThat(t.offset()).as(t.name()).isEqualTo(expectedOffset);
      expectedOffset = GgufWriter.align(t.offset() + 4 * elements(t.dims()));
    }
    GgufReader.Info last = List.copyOf(gguf.tensors().values()).get(gguf.tensors().size() - 1);
    assertThat(Files.size(c.file())).isEqualTo(gguf.dataStart() + last.offset() + 4 * elements(last.dims()));

    assertThat(gguf.tensors().get("token_embd.weight").dims()).containsExactly(64, 512);
    assertThat(gguf.tensors().get("blk.3.ffn_down.weight").dims()).containsExactly(172, 64);
    assertThat(bytes(gguf, "token_embd.weight", 4)).isEqualTo(source.get("model.embed_tokens.weight").data());
    assertThat(bytes(gguf, "output.weight", 4)).isEqualTo(source.get("lm_head.weight").data());
    assertThat(bytes(gguf, "blk.2.attn_v.weight", 4)).isEqualTo(source.get("model.layers.2.self_attn.v_proj.weight").data());
    assertPairsOrder(gguf, "blk.1.attn_q.weight", source.get("model.layers.1.self_attn.q_proj.weight"), 8);
    assertPairsOrder(gguf, "blk.1.attn_k.weight", source.get("model.layers.1.self_attn.k_proj.weight"), 4);
  }

  @Test
  void qwen2InF16IsNotPermutedKeepsItsBiasesInF32AndTiesTheOutputToTheEmbedding() throws IOException {
    Converted c = convert("tiny-qwen2", GgmlType.F16);
    GgufReader gguf = c.gguf();
    Map<String, Tensor> source = c.source();

    assertThat(gguf.metadata()).containsEntry("general.architecture", "qwen2").containsEntry("general.file_type", 1L)
        .containsEntry("qwen2.attention.head_count_kv", 2L).containsEntry("tokenizer.ggml.bos_token_id", 151643L)
        .containsEntry("tokenizer.ggml.eos_token_id", 151645L);
    assertThat(gguf.tensors()).doesNotContainKey("output.weight").containsKey("output_norm.weight");
    GgufReader.Info q = gguf.tensors().get("blk.0.attn_q.weight");
    assertThat(q.type()).isEqualTo(GgmlType.F16.id);
    assertThat(gguf.tensors().get("blk.0.attn_q.bias").type()).isEqualTo(GgmlType.F32.id);
    assertThat(gguf.tensors().get("blk.0.attn_norm.weight").type()).isEqualTo(GgmlType.F32.id);
    assertThat(bytes(gguf, "blk.0.attn_k.bias", 4)).isEqualTo(source.get("model.layers.0.self_attn.k_proj.bias").data());

    float[] expected = floats(source.get("model.layers.0.self_attn.q_proj.weight").data());
    ByteBuffer halves = gguf.data("blk.0.attn_q.weight", 2L * expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(halves.getShort()).as("value %d", i).isEqualTo(Half.fromFloat(expected[i]));
    }
  }

  @Test
  void q8WritesWholeBlocksInQ8AndFallsBackToF16ForRowsThatAreNot() throws IOException {
    // hidden_size 16: rows of 16 values are not Q8_0 blocks; ffn_down's rows of intermediate_size 64 are
    Converted c = convert("tiny-qwen2", GgmlType.Q8_0);
    GgufReader gguf = c.gguf();
    Map<String, Tensor> source = c.source();

    assertThat(gguf.metadata()).containsEntry("general.file_type", 7L);
    assertThat(c.summary().f16Fallbacks()).contains("token_embd.weight", "blk.0.attn_q.weight", "blk.2.ffn_up.weight")
        .noneMatch(name -> name.contains("ffn_down"));
    assertThat(gguf.tensors().get("blk.0.attn_q.weight").type()).isEqualTo(GgmlType.F16.id);
    assertThat(gguf.tensors().get("blk.1.ffn_down.weight").type()).isEqualTo(GgmlType.Q8_0.id);
    float[] expected = floats(source.get("model.layers.1.mlp.down_proj.weight").data());
    ByteBuffer blocks = gguf.data("blk.1.ffn_down.weight", expected.length / 32 * 34L);
    for (int b = 0; b < expected.length / 32; b++) {
      float d = Half.toFloat(blocks.getShort());
      float amax = 0;
      for (int i = 0; i < 32; i++) amax = Math.max(amax, Math.abs(expected[32 * b + i]));
      assertThat(d).isCloseTo(amax / 127, within(amax / 127 / 1024));
      for (int i = 0; i < 32; i++) {
        // half a step of rounding, plus the scale's own rounding to F16 times up to 127 steps
        assertThat(blocks.get() * d).isCloseTo(expected[32 * b + i], within(d / 2 + amax / 1024 + 1e-9f));
      }
    }
  }

  /** A fixture converted: the file, what the converter said, the file read back, and the fixture's tensors. */
  private record Converted(Path file, GgufConverter.Summary summary, GgufReader gguf, Map<String, Tensor> source) {}

  private Converted convert(String fixture, GgmlType type) throws IOException {
    Path file = tmp.resolve(fixture + "-" + type + ".gguf");
    GgufConverter.Summary summary = GgufConverter.convert(Fixtures.dir(fixture), type, file);
    return new Converted(file, summary, GgufReader.read(file),
        SafetensorsWriter.read(Fixtures.dir(fixture).resolve("model.safetensors")));
  }

  /** Each head's rows in llama.cpp's order: row 2i + j of a head is row j·d/2 + i of the Hugging Face one. */
  private static void assertPairsOrder(GgufReader gguf, String name, Tensor hf, int heads) {
    float[] in = floats(hf.data());
    float[] out = floats(bytes(gguf, name, 4));
    int cols = (int) hf.shape()[1];
    int d = (int) hf.shape()[0] / heads;
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < d / 2; i++) {
        for (int j = 0; j < 2; j++) {
          for (int c = 0; c < cols; c++) {
            assertThat(out[(h * d + 2 * i + j) * cols + c]).isEqualTo(in[(h * d + j * d / 2 + i) * cols + c]);
          }
        }
      }
    }
    assertThat(out).as("a real permutation").isNotEqualTo(in);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object metadataValue) {
    return (List<Object>) metadataValue;
  }

  private static byte[] bytes(GgufReader gguf, String name, int width) {
    ByteBuffer data = gguf.data(name, width * elements(gguf.tensors().get(name).dims()));
    byte[] out = new byte[data.remaining()];
    data.get(out);
    return out;
  }

  private static float[] floats(byte[] f32) {
    ByteBuffer b = ByteBuffer.wrap(f32).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[f32.length / 4];
    for (int i = 0; i < out.length; i++) out[i] = b.getFloat();
    return out;
  }

  private static long elements(long[] dims) {
    long n = 1;
    for (long d : dims) n *= d;
    return n;
  }
}
