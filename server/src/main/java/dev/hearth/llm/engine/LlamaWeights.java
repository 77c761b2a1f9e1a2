package dev.hearth.llm.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hearth.llm.checkpoint.Checkpoint;
import dev.hearth.llm.checkpoint.CheckpointException;
import dev.hearth.llm.checkpoint.ModelConfig;

/**
 * A Llama-family checkpoint's weights in float32, arranged for {@link LlamaModel}: q/k/v fused into one projection,
 * gate and up into another, the RMSNorm weights folded into the rows of the projection after each norm and the
 * attention scale {@code 1/sqrt(headDim)} into the query weights and bias (fewer operations per token).
 *
 * @param embedding {@code [vocab, hidden]}, or null when the embedding is tied to the output matrix and read from it
 */
record LlamaWeights(NDArray embedding, Projection lmHead, NDArray finalNorm, Layer[] layers) {

  /** One decoder layer's weights; {@code qkvBias} is null in checkpoints without q/k/v biases. */
  record Layer(Projection qkv, NDArray qkvBias, Projection o, Projection gateUp, Projection down) {}

  /** Reads every weight of {@code checkpoint} with {@code w} into arrays of {@code manager}, in {@code chunks} column blocks. */
  static LlamaWeights load(Checkpoint checkpoint, WeightLoader w, NDManager manager, int chunks) {
    ModelConfig c = checkpoint.config();
    long h = c.hiddenSize();
    long q = (long) c.numAttentionHeads() * c.headDim();
    long kv = (long) c.numKeyValueHeads() * c.headDim();
    long inter = c.intermediateSize();
    float scale = (float) (1.0 / Math.sqrt(c.headDim()));
    // the output matrix first, while memory is emptiest: rearranging it into blocks briefly needs two copies
    NDArray embedding;
    Projection lmHead;
    if (checkpoint.find("lm_head.weight").isPresent()) {
      embedding = w.load("model.embed_tokens.weight", c.vocabSize(), h);
      lmHead = Projection.fromOutIn(w.load("lm_head.weight", c.vocabSize(), h), chunks);
    } else if (c.tieWordEmbeddings()) {
      lmHead = Projection.fromOutIn(w.load("model.embed_tokens.weight", c.vocabSize(), h), chunks);
      embedding = null; // one copy serves both: embedding rows are the output matrix's columns
    } else {
      throw new CheckpointException(checkpoint.dir() + " has no lm_head.weight and config.json does not tie it to the embedding");
    }
    boolean bias = c.defaultQkvBias() || checkpoint.find("model.layers.0.self_attn.q_proj.bias").isPresent();
    for (String unused : new String[] {"self_attn.o_proj.bias", "mlp.gate_proj.bias", "mlp.up_proj.bias", "mlp.down_proj.bias"}) {
      if (checkpoint.find("model.layers.0." + unused).isPresent()) {
        throw new CheckpointException(checkpoint.dir() + " has a " + unused.replace(".bias", "") + " bias, which this engine "
            + "does not add (it computes biases on q/k/v only); refusing rather than computing wrong logits");
      }
    }
    Layer[] layers = new Layer[c.numHiddenLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "model.layers." + i + ".";
      // weights are read straight into their final arrays and scaled in place: no temporary copies
      NDArray qkv = manager.create(new Shape(q + 2 * kv, h), DataType.FLOAT32);
      w.loadInto(qkv, 0, p + "self_attn.q_proj.weight", q, h);
      w.loadInto(qkv, q, p + "self_attn.k_proj.weight", kv, h);
      w.loadInto(qkv, q + kv, p + "self_attn.v_proj.weight", kv, h);
      NDArray qkvBias = null;
      if (bias) {
        qkvBias = manager.create(new Shape(q + 2 * kv), DataType.FLOAT32);
        w.loadInto(qkvBias, 0, p + "self_attn.q_proj.bias", q);
        w.loadInto(qkvBias, q, p + "self_attn.k_proj.bias", kv);
        w.loadInto(qkvBias, q + kv, p + "self_attn.v_proj.bias", kv);
        try (NDArray queryBias = qkvBias.get("0:{}", q)) {
          queryBias.muli(scale);
        }
      }
      try (NDArray queries = qkv.get("0:{}", q)) {
        queries.muli(scale);
      }
      NDArray gateUp = manager.create(new Shape(2 * inter, h), DataType.FLOAT32);
      w.loadInto(gateUp, 0, p + "mlp.gate_proj.weight", inter, h);
      w.loadInto(gateUp, inter, p + "mlp.up_proj.weight", inter, h);
      try (NDArray inputNorm = w.load(p + "input_layernorm.weight", h);
           NDArray postNorm = w.load(p + "post_attention_layernorm.weight", h)) {
        qkv.muli(inputNorm);
        gateUp.muli(postNorm);
      }
      layers[i] = new Layer(Projection.fromOutIn(qkv, chunks), qkvBias,
          Projection.fromOutIn(w.load(p + "self_attn.o_proj.weight", h, q), chunks),
          Projection.fromOutIn(gateUp, chunks), Projection.fromOutIn(w.load(p + "mlp.down_proj.weight", h, inter), chunks));
    }
    return new LlamaWeights(embedding, lmHead, w.load("model.norm.weight", h), layers);
  }
}
