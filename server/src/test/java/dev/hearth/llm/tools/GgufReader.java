package dev.hearth.llm.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GGUF file back for tests, written from the specification (not from {@link GgufWriter}): metadata values
 * become Long (unsigned and signed integers), Float, Double, Boolean, String or List of those.
 */
record GgufReader(int version, Map<String, Object> metadata, Map<String, Info> tensors, long dataStart, ByteBuffer file) {
  /** One tensor info: dims innermost first, ggml type id, offset from the data section's start. */
  record Info(String name, long[] dims, int type, long offset) {}

  static GgufReader read(Path path) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[4];
    b.get(magic);
    if (!new String(magic, StandardCharsets.US_ASCII).equals("GGUF")) throw new IOException("bad magic");
    int version = b.getInt();
    long tensorCount = b.getLong();
    long kvCount = b.getLong();
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (long i = 0; i < kvCount; i++) {
      String key = string(b);
      if (metadata.put(key, value(b, b.getInt())) != null) throw new IOException("key " + key + " twice");
    }
    Map<String, Info> tensors = new LinkedHashMap<>();
    for (long i = 0; i < tensorCount; i++) {
      String name = string(b);
      long[] dims = new long[b.getInt()];
      for (int d = 0; d < dims.length; d++) dims[d] = b.getLong();
      tensors.put(name, new Info(name, dims, b.getInt(), b.getLong()));
    }
    long alignment = (Long) metadata.getOrDefault("general.alignment", 32L);
    long dataStart = (b.position() + alignment - 1) / alignment * alignment;
    return new GgufReader(version, metadata, tensors, dataStart, b);
  }

  /** The bytes of {@code name}'s data, {@code length} long. */
  ByteBuffer data(String name, long length) {
    Info t = tensors.get(name);
    return file.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (dataStart + t.offset()))
        .limit((int) (dataStart + t.offset() + length)).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  private static Object value(ByteBuffer b, int type) throws IOException {
    return switch (type) {
      case 0 -> (long) (b.get() & 0xFF);
      case 1 -> (long) b.get();
      case 2 -> (long) (b.getShort() & 0xFFFF);
      case 3 -> (long) b.getShort();
      case 4 -> b.getInt() & 0xFFFF_FFFFL;
      case 5 -> (long) b.getInt();
      case 6 -> b.getFloat();
      case 7 -> switch (b.get()) {
        case 0 -> false;
        case 1 -> true;
        default -> throw new IOException("bool not 0 or 1");
      };
      case 8 -> string(b);
      case 9 -> {
        int elementType = b.getInt();
        long n = b.getLong();
        List<Object> list = new ArrayList<>();
        for (long i = 0; i < n; i++) list.add(value(b, elementType));
        yield list;
      }
      case 10, 11 -> b.getLong();
      case 12 -> b.getDouble();
      default -> throw new IOException("unknown value type " + type);
    };
  }

  private static String string(ByteBuffer b) {
    byte[] s = new byte[Math.toIntExact(b.getLong())];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }
}
