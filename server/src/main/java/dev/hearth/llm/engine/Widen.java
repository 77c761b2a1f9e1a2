package dev.hearth.llm.engine;

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
    int h = half & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    if (exp != 0) return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    float magnitude = mant * 0x1p-24f; // subnormal (or zero): mant * 2^-24, exact in float32
    return sign != 0 ? -magnitude : magnitude;
  }
}
