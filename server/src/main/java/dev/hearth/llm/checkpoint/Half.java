package dev.hearth.llm.checkpoint;

/** IEEE 754 binary16 ("half", F16) to and from float32; Java 17 has no {@code Float.floatToFloat16}. */
public final class Half {
  private Half() {}

  /** The float32 value of {@code half}'s bits: exact, subnormals, infinities and NaN included. */
  public static float toFloat(short half) {
    int h = half & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    if (exp != 0) return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    float magnitude = mant * 0x1p-24f; // subnormal (or zero): mant * 2^-24, exact in float32
    return sign != 0 ? -magnitude : magnitude;
  }

  /**
   * The binary16 nearest to {@code f}, ties to even (as PyTorch's {@code .half()} and ggml's conversion round):
   * values past 65504 by half a unit or more become infinity, values below 2^-14 become subnormals or zero, and a NaN
   * stays a (quiet) NaN.
   */
  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xff;
    int mant = bits & 0x7fffff;
    if (exp == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
    int e = exp - 127 + 15;
    if (e >= 0x1f) return (short) (sign | 0x7c00);
    if (e <= 0) { // a subnormal half: the value with its implicit bit, in units of 2^-24
      if (e < -10) return (short) sign;
      return (short) (sign | roundShift(mant | 0x800000, 14 - e));
    }
    // a carry out of the mantissa correctly bumps the exponent (up to infinity)
    return (short) (sign | roundShift((e << 23) | mant, 13));
  }

  /** {@code value >> shift}, rounded to the nearest integer, ties to even. */
  private static int roundShift(int value, int shift) {
    int kept = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int mid = 1 << (shift - 1);
    return rest > mid || (rest == mid && (kept & 1) == 1) ? kept + 1 : kept;
  }
}
