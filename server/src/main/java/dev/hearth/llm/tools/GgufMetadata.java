package dev.hearth.llm.tools;

import java.util.List;

/**
 * A GGUF file's metadata key/value pairs, encoded as they are added (in that order): each is its key as a GGUF string,
 * a uint32 value type, then the value. Arrays carry their element type and a uint64 length.
 */
public final class GgufMetadata {
  /** GGUF's {@code gguf_metadata_value_type} ids of the types written here. */
  static final int UINT32 = 4;
  static final int INT32 = 5;
  static final int FLOAT32 = 6;
  static final int BOOL = 7;
  static final int STRING = 8;
  static final int ARRAY = 9;

  private final GgufWriter.Bytes raw = new GgufWriter.Bytes();
  private long count;

  public GgufMetadata putString(String key, String value) {
    key(key, STRING).string(value);
    return this;
  }

  public GgufMetadata putUint32(String key, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException(key + " = " + value + " does not fit a uint32");
    key(key, UINT32).u32((int) value);
    return this;
  }

  public GgufMetadata putFloat32(String key, double value) {
    key(key, FLOAT32).f32((float) value);
    return this;
  }

  public GgufMetadata putBool(String key, boolean value) {
    key(key, BOOL).u8(value ? 1 : 0);
    return this;
  }

  public GgufMetadata putStrings(String key, List<String> values) {
    key(key, ARRAY).u32(STRING).u64(values.size());
    for (String v : values) raw.string(v);
    return this;
  }

  public GgufMetadata putInt32s(String key, int[] values) {
    key(key, ARRAY).u32(INT32).u64(values.length);
    for (int v : values) raw.u32(v);
    return this;
  }

  public GgufMetadata putFloat32s(String key, float[] values) {
    key(key, ARRAY).u32(FLOAT32).u64(values.length);
    for (float v : values) raw.f32(v);
    return this;
  }

  /** Number of pairs added. */
  long count() {
    return count;
  }

  GgufWriter.Bytes raw() {
    return raw;
  }

  private GgufWriter.Bytes key(String key, int type) {
    count++;
    return raw.string(key).u32(type);
  }
}
