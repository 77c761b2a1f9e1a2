package dev.hearth.llm.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hearth.llm.checkpoint.ModelConfig;

/**
 * The rotary position embedding (RoPE) in the Hugging Face rotate-half convention, {@code x·cos + rotate_half(x)·sin},
 * with Llama 3's frequency scaling when the checkpoint asks for it. Read-only after construction.
 */
final class Rotary {
  private final int d;
  private final double[] invFreq;
  /** Signed permutation {@code R} with {@code x @ R == rotate_half(x)}: one matmul instead of slice and concat. */
  private final NDArray rotateHalf;

  /** @param manager owns the rotate-half matrix (the model's) */
  Rotary(ModelConfig config, NDManager manager) {
    this.d = config.headDim();
    this.invFreq = inverseFrequencies(config);
    int half = d / 2;
    float[] r = new float[d * d];
    for (int i = 0; i < half; i++) {
      r[(i + half) * d + i] = -1f; // out[i] = -x[i + half]
      r[i * d + i + half] = 1f;    // out[i + half] = x[i]
    }
    this.rotateHalf = manager.create(r, new Shape(d, d));
  }

  private static double[] inverseFrequencies(ModelConfig c) {
    int half = c.headDim() / 2;
    double[] inv = new double[half];
    for (int i = 0; i < half; i++) inv[i] = 1.0 / Math.pow(c.ropeTheta(), (2.0 * i) / c.headDim());
    ModelConfig.Llama3RopeScaling s = c.ropeScaling();
    if (s != null) {
      double lowWavelen = s.originalMaxPositions() / s.lowFreqFactor();
      double highWavelen = s.originalMaxPositions() / s.highFreqFactor();
      for (int i = 0; i < half; i++) {
        double wavelen = 2 * Math.PI / inv[i];
        if (wavelen > lowWavelen) {
          inv[i] = inv[i] / s.factor();
        } else if (wavelen >= highWavelen) {
          double smooth = (s.originalMaxPositions() / wavelen - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
          inv[i] = (1 - smooth) * inv[i] / s.factor() + smooth * inv[i];
        }
      }
    }
    return inv;
  }

  /**
   * The embedding of positions {@code start .. start+t-1}, in {@code step}. For one position it is a single
   * {@code [d, d]} matrix {@code diag(cos) + R·diag(sin)}, applied with one product; for several, {@code cos} and
   * {@code sin} as {@code [t, d]} tables with the half-table repeated (HF layout).
   */
  NDArray[] at(NDManager step, int start, int t) {
    int half = d / 2;
    if (t == 1) {
      float[] m = new float[d * d];
      for (int i = 0; i < half; i++) {
        double angle = start * invFreq[i];
        float c = (float) Math.cos(angle);
        float s = (float) Math.sin(angle);
        m[i * d + i] = c;                  // out[i] = x[i]·cos − x[i+half]·sin
        m[(i + half) * d + i] = -s;
        m[(i + half) * d + i + half] = c;  // out[i+half] = x[i+half]·cos + x[i]·sin
        m[i * d + i + half] = s;
      }
      return new NDArray[] {step.create(m, new Shape(d, d))};
    }
    float[] cos = new float[t * d];
    float[] sin = new float[t * d];
    for (int p = 0; p < t; p++) {
      for (int i = 0; i < half; i++) {
        double angle = (start + p) * invFreq[i];
        float c = (float) Math.cos(angle);
        float s = (float) Math.sin(angle);
        cos[p * d + i] = c;
        cos[p * d + i + half] = c;
        sin[p * d + i] = s;
        sin[p * d + i + half] = s;
      }
    }
    return new NDArray[] {step.create(cos, new Shape(t, d)), step.create(sin, new Shape(t, d))};
  }

  /** Rotates {@code x} ({@code [n, t, d]}) by what {@link #at} made for its positions. */
  NDArray apply(NDArray x, NDArray[] rope) {
    if (rope.length == 1) return x.matMul(rope[0]);
    return x.mul(rope[0]).add(x.matMul(rotateHalf).mul(rope[1]));
  }
}
