package dev.hearth.llm.tools;

import dev.hearth.llm.checkpoint.Checkpoint;
import dev.hearth.llm.checkpoint.CheckpointException;
import dev.hearth.llm.checkpoint.Half;
import dev.hearth.llm.checkpoint.ModelConfig;
import dev.hearth.llm.checkpoint.SafetensorsFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a Llama or Qwen2 checkpoint folder into one GGUF file that llama.cpp loads, with the tensor names and
 * metadata keys of llama.cpp's own {@code convert_hf_to_gguf.py} and the {@link SyntheticVocab synthetic vocabulary}
 * (ids mean what they mean in the checkpoint; text does not). Matrices are written in the requested type; norms and
 * biases stay float32, as llama.cpp's converter keeps them. A matrix whose rows do not split into Q8_0's blocks of 32
 * falls back to F16, as there.
 *
 * <p>Llama's q and k rows are permuted within each head: Hugging Face rotates the two halves of a head
 * ({@code rotate_half}) while llama.cpp's {@code llama} architecture rotates adjacent pairs, so row {@code 2i + j} of a
 * head comes from row {@code j·d/2 + i}. Qwen2 runs with the halves convention (NeoX) in llama.cpp and is not permuted.
 *
 * <p>Data streams through in blocks of rows (about 1 MB, or one head when permuting), so a model of any size converts
 * in a small heap.
 */
public final class GgufConverter {
  private static final int BLOCK_BYTES = 1 << 20;

  /** What was written: the tensor count, the file's size and the matrices that fell back to F16. */
  public record Summary(int tensors, long bytes, List<String> f16Fallbacks) {}

  /** One GGUF tensor and where its values come from. */
  private record Source(GgufWriter.Tensor out, Checkpoint.Located in, int permuteHeads) {}

  private GgufConverter() {}

  /** Writes {@code modelDir}'s checkpoint to {@code file} with matrices in {@code type}. */
  public static Summary convert(Path modelDir, GgmlType type, Path file) throws IOException {
    try (Checkpoint checkpoint = Checkpoint.open(modelDir)) {
      ModelConfig c = checkpoint.config();
      if (c.ropeScaling() != null) {
        throw new CheckpointException(modelDir + ": Llama 3's rope_scaling needs llama.cpp's rope_freqs tensor, which "
            + "this converter does not write");
      }
      boolean llama = c.architecture().equals("LlamaForCausalLM");
      String arch = llama ? "llama" : "qwen2";
      Plan plan = new Plan(checkpoint, type);
      int qHeads = llama ? c.numAttentionHeads() : 0; // heads to permute q and k rows in; 0 = as they are
      int kHeads = llama ? c.numKeyValueHeads() : 0;
      plan.add("model.embed_tokens.weight", "token_embd.weight", 0);
      for (int i = 0; i < c.numHiddenLayers(); i++) {
        String hf = "model.layers." + i + ".";
        String gg = "blk." + i + ".";
        plan.add(hf + "input_layernorm.weight", gg + "attn_norm.weight", 0);
        plan.add(hf + "self_attn.q_proj.weight", gg + "attn_q.weight", qHeads);
        plan.add(hf + "self_attn.k_proj.weight", gg + "attn_k.weight", kHeads);
        plan.add(hf + "self_attn.v_proj.weight", gg + "attn_v.weight", 0);
        if (checkpoint.find(hf + "self_attn.q_proj.bias").isPresent()) {
          plan.add(hf + "self_attn.q_proj.bias", gg + "attn_q.bias", qHeads);
          plan.add(hf + "self_attn.k_proj.bias", gg + "attn_k.bias", kHeads);
          plan.add(hf + "self_attn.v_proj.bias", gg + "attn_v.bias", 0);
        }
        plan.add(hf + "self_attn.o_proj.weight", gg + "attn_output.weight", 0);
        plan.add(hf + "post_attention_layernorm.weight", gg + "ffn_norm.weight", 0);
        plan.add(hf + "mlp.gate_proj.weight", gg + "ffn_gate.weight", 0);
        plan.add(hf + "mlp.up_proj.weight", gg + "ffn_up.weight", 0);
        plan.add(hf + "mlp.down_proj.weight", gg + "ffn_down.weight", 0);
      }
      plan.add("model.norm.weight", "output_norm.weight", 0);
      // without output.weight llama.cpp multiplies by token_embd, which is what tied embeddings mean
      if (checkpoint.find("lm_head.weight").isPresent()) {
        plan.add("lm_head.weight", "output.weight", 0);
      } else if (!c.tieWordEmbeddings()) {
        throw new CheckpointException(modelDir + " has no lm_head.weight and config.json does not tie it to the embedding");
      }
      GgufMetadata metadata = metadata(c, arch, modelDir.getFileName().toString(), type);
      List<GgufWriter.Tensor> tensors = plan.sources.stream().map(Source::out).toList();
      try (GgufWriter w = GgufWriter.create(file, metadata, tensors)) {
        for (Source s : plan.sources) copy(s, c.headDim(), w);
      }
      return new Summary(tensors.size(), Files.size(file), plan.fallbacks);
    }
  }

  /** The general and architecture keys llama.cpp reads for {@code llama} and {@code qwen2}, then the vocabulary. */
  static GgufMetadata metadata(ModelConfig c, String arch, String name, GgmlType type) {
    GgufMetadata m = new GgufMetadata()
        .putString("general.architecture", arch)
        .putString("general.name", name)
        .putUint32("general.alignment", GgufWriter.ALIGNMENT)
        // llama_ftype: ALL_F32 = 0, MOSTLY_F16 = 1, MOSTLY_Q8_0 = 7
        .putUint32("general.file_type", switch (type) { case F32 -> 0; case F16 -> 1; case Q8_0 -> 7; })
        .putUint32(arch + ".vocab_size", c.vocabSize())
        .putUint32(arch + ".context_length", c.maxPositionEmbeddings())
        .putUint32(arch + ".embedding_length", c.hiddenSize())
        .putUint32(arch + ".block_count", c.numHiddenLayers())
        .putUint32(arch + ".feed_forward_length", c.intermediateSize())
        .putUint32(arch + ".attention.head_count", c.numAttentionHeads())
        .putUint32(arch + ".attention.head_count_kv", c.numKeyValueHeads())
        .putUint32(arch + ".attention.key_length", c.headDim())
        .putUint32(arch + ".attention.value_length", c.headDim())
        .putFloat32(arch + ".attention.layer_norm_rms_epsilon", c.rmsNormEps())
        .putFloat32(arch + ".rope.freq_base", c.ropeTheta())
        .putUint32(arch + ".rope.dimension_count", c.headDim());
    int[] eos = c.eosTokenIds();
    SyntheticVocab.put(m, c.vocabSize(), c.bosTokenId(), eos.length > 0 ? eos[0] : -1);
    return m;
  }

  /** The tensors to write, in order, with the type each gets. */
  private record Plan(Checkpoint checkpoint, GgmlType type, List<Source> sources, List<String> fallbacks) {
    Plan(Checkpoint checkpoint, GgmlType type) {
      this(checkpoint, type, new ArrayList<>(), new ArrayList<>());
    }

    /** Adds {@code hfName} as {@code ggufName}, its rows permuted per head when {@code permuteHeads > 0}. */
    void add(String hfName, String ggufName, int permuteHeads) {
      Checkpoint.Located in = checkpoint.get(hfName);
      long[] shape = in.info().shape();
      long[] dims = new long[shape.length];
      for (int i = 0; i < shape.length; i++) dims[i] = shape[shape.length - 1 - i];
      GgmlType t = shape.length < 2 ? GgmlType.F32 : type;
      if (!t.fits(dims[0])) {
        t = GgmlType.F16;
        fallbacks.add(ggufName);
      }
      sources.add(new Source(new GgufWriter.Tensor(ggufName, t, dims), in, permuteHeads));
    }
  }

  /** Streams one tensor: rows of the checkpoint's values, permuted when asked, encoded in the tensor's type. */
  private static void copy(Source s, int headDim, GgufWriter w) throws IOException {
    SafetensorsFile.TensorInfo info = s.in().info();
    long[] shape = info.shape();
    int rowValues = (int) shape[shape.length - 1];
    long rows = info.elements() / rowValues;
    int width = info.dtype().bytes;
    if (info.dtype() != SafetensorsFile.Dtype.F32 && info.dtype() != SafetensorsFile.Dtype.BF16
        && info.dtype() != SafetensorsFile.Dtype.F16) {
      throw new CheckpointException(info.name() + " is " + info.dtype() + "; only F32, BF16 and F16 convert");
    }
    // a bias is one "row" of a head's values: permute it value by value
    boolean vector = shape.length == 1;
    int perBlock = s.permuteHeads() > 0 ? headDim : (int) Math.max(1, Math.min(rows, BLOCK_BYTES / ((long) rowValues * width)));
    if (vector && s.permuteHeads() > 0) {
      rowValues = 1;
      rows = info.elements();
    }
    int blockValues = perBlock * rowValues;
    ByteBuffer raw = ByteBuffer.allocate(blockValues * width).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[blockValues];
    float[] permuted = s.permuteHeads() > 0 ? new float[blockValues] : null;
    GgmlType type = s.out().type();
    ByteBuffer encoded = ByteBuffer.allocate((int) type.bytes(blockValues)).order(ByteOrder.LITTLE_ENDIAN);
    for (long row = 0; row < rows; row += perBlock) {
      int n = (int) Math.min(perBlock, rows - row);
      raw.clear().limit(n * rowValues * width);
      s.in().file().read(info, row * rowValues * width, raw);
      raw.flip();
      widen(info.dtype(), raw, values, n * rowValues);
      float[] block = values;
      if (permuted != null) {
        halvesToPairs(values, permuted, headDim, rowValues);
        block = permuted;
      }
      encoded.clear();
      type.encode(block, 0, n * rowValues, encoded);
      w.write(encoded.flip());
    }
  }

  /** One head's {@code d} rows from Hugging Face's halves order to llama.cpp's pairs: row {@code 2i + j} ← {@code j·d/2 + i}. */
  static void halvesToPairs(float[] head, float[] out, int d, int rowValues) {
    for (int i = 0; i < d / 2; i++) {
      for (int j = 0; j < 2; j++) {
        System.arraycopy(head, (j * d / 2 + i) * rowValues, out, (2 * i + j) * rowValues, rowValues);
      }
    }
  }

  private static void widen(SafetensorsFile.Dtype dtype, ByteBuffer raw, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = switch (dtype) {
        case F32 -> raw.getFloat();
        case BF16 -> Float.intBitsToFloat((raw.getShort() & 0xFFFF) << 16);
        default -> Half.toFloat(raw.getShort());
      };
    }
  }
}
