package dev.hearth.llm.tools;

import dev.hearth.llm.checkpoint.Half;
import java.nio.ByteBuffer;

/**
 * The ggml tensor types a GGUF file written here may hold, with ggml's type ids. A row of {@code n} values takes
 * {@code n / blockValues} blocks of {@code blockBytes} bytes each (little-endian).
 */
public enum GgmlType {
  /** IEEE float32. */
  F32(0, 1, 4),
  /** IEEE binary16, rounded to nearest, ties to even. */
  F16(1, 1, 2),
  /**
   * Blocks of 32 values: a binary16 scale {@code d = max|x| / 127}, then 32 signed bytes {@code q = round(x / d)}
   * (ties away from zero); a value reads back as {@code q · d}. As ggml's {@code quantize_row_q8_0_ref}.
   */
  Q8_0(8, 32, 34);

  /** ggml's {@code enum ggml_type} value, as a GGUF tensor info stores it. */
  public final int id;
  public final int blockValues;
  public final int blockBytes;

  GgmlType(int id, int blockValues, int blockBytes) {
    this.id = id;
    this.blockValues = blockValues;
    this.blockBytes = blockBytes;
  }

  /** Whether a row of {@code values} values splits into whole blocks. */
  public boolean fits(long values) {
    return values % blockValues == 0;
  }

  /** Bytes that {@code values} values take; they must split into whole blocks. */
  public long bytes(long values) {
    if (!fits(values)) throw new IllegalArgumentException(values + " values are not whole blocks of " + blockValues + " for " + this);
    return values / blockValues * blockBytes;
  }

  /** Appends {@code values[from, from + count)} to {@code out} (little-endian) in this type; count must be whole blocks. */
  public void encode(float[] values, int from, int count, ByteBuffer out) {
    bytes(count);
    switch (this) {
      case F32 -> {
        for (int i = from; i < from + count; i++) out.putFloat(values[i]);
      }
      case F16 -> {
        for (int i = from; i < from + count; i++) out.putShort(Half.fromFloat(values[i]));
      }
      case Q8_0 -> {
        for (int b = from; b < from + count; b += blockValues) q8Block(values, b, out);
      }
    }
  }

  private static void q8Block(float[] x, int from, ByteBuffer out) {
    float amax = 0;
    for (int i = from; i < from + 32; i++) amax = Math.max(amax, Math.abs(x[i]));
    float d = amax / 127;
    float inverse = d != 0 ? 1 / d : 0;
    out.putShort(Half.fromFloat(d));
    for (int i = from; i < from + 32; i++) {
      float v = x[i] * inverse; // C's roundf: halves away from zero
      out.put((byte) (Math.signum(v) * Math.floor(Math.abs((double) v) + 0.5)));
    }
  }
}
