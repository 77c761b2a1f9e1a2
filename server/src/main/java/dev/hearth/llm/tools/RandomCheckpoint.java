package dev.hearth.llm.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.BufferedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a random-weight checkpoint (config.json + model.safetensors in float32 or bfloat16) with the exact
 * shapes of a known model, for speed and memory measurements without downloading weights. The outputs are
 * meaningless text.
 */
public final class RandomCheckpoint {
  /** Shapes of the published models (from their config.json). */
  public enum Shape {
    SMOLLM2_135M("LlamaForCausalLM", 576, 30, 9, 3, 1536, 49152, 1e-5, 100000, 8192, 1, 2),
    QWEN25_05B("Qwen2ForCausalLM", 896, 24, 14, 2, 4864, 151936, 1e-6, 1000000, 32768, 151643, 151645);

    final String arch;
    final int hidden, layers, heads, kvHeads, inter, vocab, maxPos, bos, eos;
    final double eps, theta;

    Shape(String arch, int hidden, int layers, int heads, int kvHeads, int inter, int vocab, double eps, double theta,
        int maxPos, int bos, int eos) {
      this.arch = arch;
      this.hidden = hidden;
      this.layers = layers;
      this.heads = heads;
      this.kvHeads = kvHeads;
      this.inter = inter;
      this.vocab = vocab;
      this.eps = eps;
      this.theta = theta;
      this.maxPos = maxPos;
      this.bos = bos;
      this.eos = eos;
    }
  }

  private RandomCheckpoint() {}

  /** Writes {@code shape}'s float32 checkpoint into {@code dir} (created if needed) from {@code seed}. */
  public static void write(Shape shape, Path dir, long seed) throws IOException {
    write(shape, dir, seed, false);
  }

  /**
   * Writes {@code shape}'s checkpoint into {@code dir} (created if needed) from {@code seed}, in bfloat16 (as
   * most models are published) when {@code bf16}, else float32.
   */
  public static void write(Shape shape, Path dir, long seed, boolean bf16) throws IOException {
    int size = bf16 ? 2 : 4;
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = json.createObjectNode();
    config.putArray("architectures").add(shape.arch);
    config.put("hidden_act", "silu").put("hidden_size", shape.hidden).put("num_hidden_layers", shape.layers)
        .put("num_attention_heads", shape.heads).put("num_key_value_heads", shape.kvHeads)
        .put("intermediate_size", shape.inter).put("vocab_size", shape.vocab).put("rms_norm_eps", shape.eps)
        .put("rope_theta", shape.theta).put("tie_word_embeddings", true).put("max_position_embeddings", shape.maxPos)
        .put("torch_dtype", bf16 ? "bfloat16" : "float32").put("bos_token_id", shape.bos).put("eos_token_id", shape.eos);
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);

    int h = shape.hidden;
    int d = h / shape.heads;
    Map<String, long[]> tensors = new LinkedHashMap<>();
    tensors.put("model.embed_tokens.weight", new long[] {shape.vocab, h});
    for (int i = 0; i < shape.layers; i++) {
      String p = "model.layers." + i + ".";
      tensors.put(p + "input_layernorm.weight", new long[] {h});
      tensors.put(p + "self_attn.q_proj.weight", new long[] {(long) shape.heads * d, h});
      tensors.put(p + "self_attn.k_proj.weight", new long[] {(long) shape.kvHeads * d, h});
      tensors.put(p + "self_attn.v_proj.weight", new long[] {(long) shape.kvHeads * d, h});
      if (shape.arch.equals("Qwen2ForCausalLM")) {
        tensors.put(p + "self_attn.q_proj.bias", new long[] {(long) shape.heads * d});
        tensors.put(p + "self_attn.k_proj.bias", new long[] {(long) shape.kvHeads * d});
        tensors.put(p + "self_attn.v_proj.bias", new long[] {(long) shape.kvHeads * d});
      }
      tensors.put(p + "self_attn.o_proj.weight", new long[] {h, (long) shape.heads * d});
      tensors.put(p + "post_attention_layernorm.weight", new long[] {h});
      tensors.put(p + "mlp.gate_proj.weight", new long[] {shape.inter, h});
      tensors.put(p + "mlp.up_proj.weight", new long[] {shape.inter, h});
      tensors.put(p + "mlp.down_proj.weight", new long[] {h, shape.inter});
    }
    tensors.put("model.norm.weight", new long[] {h});

    ObjectNode header = json.createObjectNode();
    long offset = 0;
    for (Map.Entry<String, long[]> t : tensors.entrySet()) {
      long bytes = size;
      for (long dim : t.getValue()) bytes *= dim;
      ObjectNode entry = header.putObject(t.getKey());
      entry.put("dtype", bf16 ? "BF16" : "F32");
      var shapeArray = entry.putArray("shape");
      for (long dim : t.getValue()) shapeArray.add(dim);
      entry.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(seed);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("model.safetensors")), 1 << 20)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
      out.write(headerBytes);
      ByteBuffer block = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      for (Map.Entry<String, long[]> t : tensors.entrySet()) {
        boolean norm = t.getKey().endsWith("layernorm.weight") || t.getKey().equals("model.norm.weight");
        long n = 1;
        for (long dim : t.getValue()) n *= dim;
        for (long i = 0; i < n; i++) {
          float value = norm ? 1f : (float) ((random.nextDouble() - 0.5) * 0.08);
          if (bf16) {
            block.putShort((short) (Float.floatToIntBits(value) >>> 16)); // truncated: any bfloat16 will do
          } else {
            block.putFloat(value);
          }
          if (!block.hasRemaining()) {
            out.write(block.array(), 0, block.position());
            block.clear();
          }
        }
        out.write(block.array(), 0, block.position());
        block.clear();
      }
    }
  }
}
