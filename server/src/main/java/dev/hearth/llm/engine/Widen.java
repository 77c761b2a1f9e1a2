package dev.hearth.llm.engine;

import dev.hearth.llm.checkpoint.Half;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/** Exact conversions of 16-bit floats to float32 (every BF16 and F16 value is representable). */
final class Widen {
  private Widen() {}

  /** BF16 is the top half of a float32: the bits shifted left by 16. */
  static void bf16(ShortBuffer in, FloatBuffer out) {
    int n = in.remaining();
    for (int i = 0; i < n; i++) out.put(i, Float.intBitsToFloat((in.get(i) & 0xFFFF) << 16));
  }

  /** IEEE 754 binary16, subnormals, infinities and NaN included. */
  static void f16(ShortBuffer in, FloatBuffer out) {
    int n = in.remaining();
    for (int i = 0; i < n; i++) out.put(i, f16(in.get(i)));
  }

  static float f16(short half) {
    return Half.toFloat(half);
  }
}
