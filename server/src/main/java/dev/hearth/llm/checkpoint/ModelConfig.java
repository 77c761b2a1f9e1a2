package dev.hearth.llm.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The parts of a Hugging Face {@code config.json} that a Llama or Qwen2 forward pass needs.
 *
 * @param ropeScaling {@code null} for plain RoPE, else Llama 3's frequency scaling
 * @param eosTokenIds every id that ends a reply (config.json allows an int or a list)
 */
public record ModelConfig(
    String architecture,
    int hiddenSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    int intermediateSize,
    int vocabSize,
    double rmsNormEps,
    double ropeTheta,
    Llama3RopeScaling ropeScaling,
    boolean tieWordEmbeddings,
    int maxPositionEmbeddings,
    String torchDtype,
    int bosTokenId,
    int[] eosTokenIds) {

  /** The architectures this engine runs, as named in config.json's {@code architectures}. */
  public static final List<String> SUPPORTED = List.of("LlamaForCausalLM", "Qwen2ForCausalLM");

  /** Llama 3.1/3.2's {@code rope_scaling} with {@code rope_type: llama3}. */
  public record Llama3RopeScaling(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {}

  /** Reads and validates {@code dir/config.json}. */
  public static ModelConfig load(Path dir) {
    Path file = dir.resolve("config.json");
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException("no config.json in " + dir + "; point --model at a Hugging Face model folder");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new CheckpointException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    return parse(root, file.toString());
  }

  static ModelConfig parse(JsonNode root, String source) {
    JsonNode archs = root.path("architectures");
    String arch = archs.isArray() && archs.size() > 0 ? archs.get(0).asText() : null;
    if (arch == null || !SUPPORTED.contains(arch)) {
      throw new CheckpointException(source + ": architecture " + (arch == null ? "(none given)" : arch)
          + " is not supported; supported: " + String.join(", ", SUPPORTED));
    }
    String act = root.path("hidden_act").asText("silu");
    if (!act.equals("silu")) {
      throw new CheckpointException(source + ": hidden_act " + act + " is not supported; only silu");
    }
    refuseUnsupportedFeatures(root, arch, source);
    int hidden = required(root, "hidden_size", source);
    int heads = required(root, "num_attention_heads", source);
    int kvHeads = root.path("num_key_value_heads").asInt(heads);
    int headDim = root.hasNonNull("head_dim") ? root.get("head_dim").asInt() : hidden / heads;
    if (!root.hasNonNull("head_dim") && hidden % heads != 0) {
      throw new CheckpointException(source + ": hidden_size " + hidden + " is not a multiple of num_attention_heads " + heads);
    }
    if (kvHeads <= 0 || heads % kvHeads != 0) {
      throw new CheckpointException(source + ": num_attention_heads " + heads + " is not a multiple of num_key_value_heads " + kvHeads);
    }
    if (headDim % 2 != 0) {
      throw new CheckpointException(source + ": head_dim " + headDim + " must be even for rotary embeddings");
    }
    return new ModelConfig(arch, hidden, required(root, "num_hidden_layers", source), heads, kvHeads, headDim,
        required(root, "intermediate_size", source), required(root, "vocab_size", source),
        root.path("rms_norm_eps").asDouble(1e-6), root.path("rope_theta").asDouble(10000.0),
        ropeScaling(root.path("rope_scaling"), source), root.path("tie_word_embeddings").asBoolean(false),
        root.path("max_position_embeddings").asInt(2048), root.path("torch_dtype").asText("float32"),
        root.path("bos_token_id").asInt(-1), ids(root.path("eos_token_id")));
  }

  /**
   * Refuses the config.json switches that change the forward pass in ways this engine does not compute, rather than
   * produce wrong logits: biases on o_proj (Llama's {@code attention_bias}) or on the MLP ({@code mlp_bias}), and
   * sliding-window attention whose window is shorter than the context ({@code use_sliding_window}).
   */
  private static void refuseUnsupportedFeatures(JsonNode root, String arch, String source) {
    String unsupported = null;
    if (root.path("mlp_bias").asBoolean(false)) {
      unsupported = "mlp_bias: true (biases on the gate, up and down projections)";
    } else if (arch.equals("LlamaForCausalLM") && root.path("attention_bias").asBoolean(false)) {
      unsupported = "attention_bias: true (for Llama also a bias on o_proj)";
    } else if (root.path("use_sliding_window").asBoolean(false) && root.hasNonNull("sliding_window")
        && root.get("sliding_window").asLong() < root.path("max_position_embeddings").asLong(2048)) {
      unsupported = "use_sliding_window: true with sliding_window " + root.get("sliding_window").asLong()
          + " shorter than max_position_embeddings " + root.path("max_position_embeddings").asLong(2048)
          + " (sliding-window attention)";
    }
    if (unsupported != null) {
      throw new CheckpointException(source + ": " + unsupported + " is not supported; this engine computes full "
          + "attention with biases on q/k/v only");
    }
  }

  /** Whether q/k/v projections carry a bias: Qwen2 always, Llama when {@code attention_bias} is set. */
  public boolean defaultQkvBias() {
    return architecture.equals("Qwen2ForCausalLM");
  }

  /** Number of float32 parameters (embedding counted once when tied). */
  public long parameterCount() {
    long h = hiddenSize;
    long q = (long) numAttentionHeads * headDim;
    long kv = (long) numKeyValueHeads * headDim;
    long perLayer = h * q + 2 * h * kv + q * h + 3 * h * intermediateSize + 2 * h;
    return (long) vocabSize * h * (tieWordEmbeddings ? 1 : 2) + numHiddenLayers * perLayer + h;
  }

  private static Llama3RopeScaling ropeScaling(JsonNode node, String source) {
    if (node.isMissingNode() || node.isNull()) return null;
    String type = node.path("rope_type").asText(node.path("type").asText(""));
    if (type.equals("default")) return null;
    if (!type.equals("llama3")) {
      throw new CheckpointException(source + ": rope_scaling type '" + type + "' is not supported; supported: none, llama3");
    }
    return new Llama3RopeScaling(node.path("factor").asDouble(8), node.path("low_freq_factor").asDouble(1),
        node.path("high_freq_factor").asDouble(4), node.path("original_max_position_embeddings").asInt(8192));
  }

  private static int[] ids(JsonNode node) {
    if (node.isArray()) {
      int[] ids = new int[node.size()];
      for (int i = 0; i < ids.length; i++) ids[i] = node.get(i).asInt();
      return ids;
    }
    return node.isNumber() ? new int[] {node.asInt()} : new int[0];
  }

  private static int required(JsonNode root, String key, String source) {
    JsonNode n = root.get(key);
    if (n == null || !n.canConvertToInt() || n.asInt() <= 0) {
      throw new CheckpointException(source + ": " + key + " is missing or not a positive integer");
    }
    return n.asInt();
  }
}
