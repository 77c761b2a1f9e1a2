package dev.hearth.llm.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.hearth.llm.checkpoint.Checkpoint;
import dev.hearth.llm.checkpoint.ModelConfig;
import java.nio.file.Path;

/**
 * A Llama-family decoder (Llama, Qwen2) computed with DJL's PyTorch engine in float32: embedding, per layer
 * RMSNorm → grouped-query attention with rotate-half RoPE → residual → RMSNorm → SwiGLU MLP → residual, then
 * the final norm and the lm_head (the embedding matrix when tied).
 *
 * <p>Weights live in one manager owned by the model, each as a {@link Projection} (column blocks multiplied as one
 * batch, so a single row's product uses every thread). Each forward step runs in a sub-manager, and each layer in
 * a sub-manager of that, closed as the layer ends; only the key/value cache is kept, in its {@link Session}. The
 * model is read-only after load and may be shared across threads; each session belongs to one thread.
 */
public final class LlamaModel implements AutoCloseable {
  /** Column blocks per weight matrix ({@link Projection}); overridable with {@code -Dhearth.llm.chunks=N}. */
  static final int CHUNKS = Integer.getInteger("hearth.llm.chunks", 2 * Runtime.getRuntime().availableProcessors());

  private final ModelConfig config;
  private final NDManager manager;
  /** {@code [vocab, hidden]}, or null when the embedding is tied to the output matrix and read from it. */
  private final NDArray embedding;
  private final Projection lmHead;
  private final NDArray finalNorm;
  private final LlamaWeights.Layer[] layers;
  private final Rotary rotary;
  private final int qSize;
  private final int kvSize;

  private LlamaModel(ModelConfig config, NDManager manager, LlamaWeights weights) {
    this.config = config;
    this.manager = manager;
    this.embedding = weights.embedding();
    this.lmHead = weights.lmHead();
    this.finalNorm = weights.finalNorm();
    this.layers = weights.layers();
    this.rotary = new Rotary(config, manager);
    this.qSize = config.numAttentionHeads() * config.headDim();
    this.kvSize = config.numKeyValueHeads() * config.headDim();
  }

  /** Loads {@code dir} (config.json plus safetensors) into float32 weights. */
  public static LlamaModel load(Path dir) {
    return load(dir, WeightLoader.DEFAULT_BLOCK_BYTES);
  }

  static LlamaModel load(Path dir, int blockBytes) {
    try (Checkpoint checkpoint = Checkpoint.open(dir)) {
      NDManager manager = Torch.newManager();
      try {
        LlamaWeights weights = LlamaWeights.load(checkpoint, new WeightLoader(checkpoint, manager, blockBytes), manager, CHUNKS);
        return new LlamaModel(checkpoint.config(), manager, weights);
      } catch (RuntimeException e) {
        manager.close();
        throw e;
      }
    }
  }

  public ModelConfig config() {
    return config;
  }

  /** A new, empty key/value cache. */
  public Session newSession() {
    return new Session(this, manager.newSubManager());
  }

  /** Logits of every position of {@code ids} run from position 0, {@code [ids.length][vocab]}. */
  public float[][] logits(int[] ids) {
    try (Session s = newSession()) {
      return s.appendAll(ids);
    }
  }

  float[][] forward(Session session, int[] ids, boolean allPositions) {
    if (ids.length == 0) throw new IllegalArgumentException("nothing to append");
    int start = session.length();
    int t = ids.length;
    int total = start + t;
    if (total > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException("context of " + total + " tokens exceeds max_position_embeddings "
          + config.maxPositionEmbeddings());
    }
    for (int id : ids) {
      if (id < 0 || id >= config.vocabSize()) throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + config.vocabSize());
    }
    session.reserve(total);
    try (NDManager step = session.manager().newSubManager()) {
      NDArray x = embed(step, ids);
      NDArray[] rope = rotary.at(step, start, t);
      NDArray mask = t > 1 ? causalMask(step, start, t) : null;
      for (int l = 0; l < layers.length; l++) {
        // each layer's intermediates are freed as it ends, so the next layer reuses their memory: fresh
        // allocations (page faults) cost more than the arithmetic on them
        try (NDManager scope = step.newSubManager()) {
          x.attach(scope); // results land in their first operand's manager: everything computed from x is scoped
          x = layer(layers[l], session, l, x, rope, mask, scope, start, t, !allPositions && l == layers.length - 1);
          x.attach(step);
        }
      }
      NDArray logits = lmHead.apply(normalized(x).mul(finalNorm));
      float[] flat = logits.toFloatArray();
      session.grew(t);
      int rows = allPositions ? t : 1;
      int vocab = config.vocabSize();
      float[][] out = new float[rows][];
      for (int r = 0; r < rows; r++) {
        out[r] = new float[vocab];
        System.arraycopy(flat, r * vocab, out[r], 0, vocab);
      }
      return out;
    }
  }

  /**
   * One decoder layer over the residual stream {@code x} ({@code [t, hidden]}); returns the new residual. With
   * {@code lastOnly} (the last layer, when only the last position's logits are wanted) every position's key and
   * value still go into the cache, but attention, o_proj and the MLP run for the last position alone: the others'
   * outputs would only feed logits nobody reads.
   */
  private NDArray layer(LlamaWeights.Layer layer, Session session, int l, NDArray x, NDArray[] rope, NDArray mask, NDManager scope,
      int start, int t, boolean lastOnly) {
    int heads = config.numAttentionHeads();
    int kvHeads = config.numKeyValueHeads();
    int d = config.headDim();
    int group = heads / kvHeads;
    int total = start + t;
    NDArray qkv = layer.qkv().apply(normalized(x));
    if (layer.qkvBias() != null) qkv = qkv.add(layer.qkvBias());
    // queries and keys get their rotary embedding together: [heads + kvHeads, t, d]
    NDList parts = qkv.split(new long[] {qSize + kvSize}, 1);
    NDList qk = rotary.apply(heads(parts.get(0), t, heads + kvHeads, d), rope).split(new long[] {heads}, 0);
    // the cache keeps keys transposed, [kvHeads, d, capacity], ready to multiply queries by
    session.keys[l].set(new NDIndex().addAllDim(2).addSliceDim(start, total), qk.get(1).transpose(0, 2, 1));
    session.values[l].set(new NDIndex().addAllDim().addSliceDim(start, total), heads(parts.get(1), t, kvHeads, d));
    NDArray keys = scoped(session.keys[l].get(new NDIndex().addAllDim(2).addSliceDim(0, total)), scope);
    NDArray values = scoped(session.values[l].get(new NDIndex().addAllDim().addSliceDim(0, total)), scope);
    NDArray q = qk.get(0);
    if (lastOnly && t > 1) {
      q = q.get(new NDIndex().addAllDim().addSliceDim(t - 1, t)); // the last position sees every key: no mask
      x = x.get(new NDIndex().addSliceDim(t - 1, t));
      mask = null;
      t = 1;
    }
    // queries grouped by the kv head they share: head h uses kv head h / group (HF repeat_kv); q is pre-scaled
    NDArray scores = q.reshape(kvHeads, (long) group * t, d).matMul(keys);
    if (mask != null) scores = scores.reshape(kvHeads, group, t, total).add(mask);
    NDArray probs = mask == null ? scores.softmax(-1) : scores.softmax(-1).reshape(kvHeads, (long) group * t, total);
    NDArray attn = probs.matMul(values);
    attn = t == 1 ? attn.reshape(1, qSize) : attn.reshape(heads, t, d).transpose(1, 0, 2).reshape(t, qSize);
    x = x.add(layer.o().apply(attn));
    NDList gateUp = layer.gateUp().apply(normalized(x)).split(2, 1);
    NDArray gate = gateUp.get(0);
    NDArray hidden = Activation.sigmoid(gate).muli(gate).muli(gateUp.get(1));
    return x.add(layer.down().apply(hidden));
  }

  private static NDArray scoped(NDArray array, NDManager scope) {
    array.attach(scope);
    return array;
  }

  /** The embedding rows of {@code ids}, {@code [t, hidden]}. */
  private NDArray embed(NDManager step, int[] ids) {
    if (embedding == null) return lmHead.columns(step, ids);
    long[] idx = new long[ids.length];
    for (int i = 0; i < ids.length; i++) idx[i] = ids[i];
    NDArray x = embedding.get(step.create(idx));
    x.attach(step);
    return x;
  }

  /** {@code [t, n * d]} → {@code [n, t, d]}; one token needs no transpose. */
  private static NDArray heads(NDArray flat, int t, int n, int d) {
    return t == 1 ? flat.reshape(n, 1, d) : flat.reshape(t, n, d).transpose(1, 0, 2);
  }

  /** {@code [t, start + t]}: 0 where query {@code i} (at position start + i) may see key j, else -inf. */
  private static NDArray causalMask(NDManager step, int start, int t) {
    int total = start + t;
    float[] m = new float[t * total];
    for (int i = 0; i < t; i++) {
      for (int j = start + i + 1; j < total; j++) m[i * total + j] = Float.NEGATIVE_INFINITY;
    }
    return step.create(m, new Shape(t, total));
  }

  /** RMSNorm without its weight (folded into the next projection): {@code x / sqrt(mean(x²) + eps)} per row. */
  private NDArray normalized(NDArray x) {
    // the row scales are a few hundred multiply-adds: summed here (in double), they cost one copy out and one
    // multiply instead of five small PyTorch operations
    long rows = x.getShape().get(0);
    int width = (int) x.getShape().get(1);
    float[] values = x.toFloatArray();
    float[] scales = new float[(int) rows];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int i = r * width, end = i + width; i < end; i++) sum += (double) values[i] * values[i];
      scales[r] = (float) (1.0 / Math.sqrt(sum / width + config.rmsNormEps()));
    }
    try (NDArray scale = x.getManager().create(scales, new Shape(rows, 1))) {
      return x.mul(scale);
    }
  }

  @Override
  public void close() {
    manager.close();
  }

  /** Bytes of float32 weights held (tied embeddings counted once). */
  public long weightBytes() {
    return config.parameterCount() * DataType.FLOAT32.getNumOfBytes();
  }
}
