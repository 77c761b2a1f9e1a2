package dev.hearth.llm.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Writes safetensors files for tests: shards and dtype conversions of the fixture checkpoints. */
public final class SafetensorsWriter {
  /** One tensor: its dtype as the header spells it, its shape and its little-endian bytes. */
  public record Tensor(String dtype, long[] shape, byte[] data) {}

  private SafetensorsWriter() {}

  /** Every tensor of {@code file}, in header order, with its bytes. */
  public static Map<String, Tensor> read(Path file) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      for (SafetensorsFile.TensorInfo t : f.tensors().values()) {
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(t.end() - t.begin()));
        f.read(t, 0, data);
        out.put(t.name(), new Tensor(t.dtype().name(), t.shape(), data.array()));
      }
    }
    return out;
  }

  /** Writes {@code tensors} as one safetensors file. */
  public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      ObjectNode entry = header.putObject(e.getKey());
      entry.put("dtype", e.getValue().dtype());
      var shape = entry.putArray("shape");
      for (long d : e.getValue().shape()) shape.add(d);
      entry.putArray("data_offsets").add(offset).add(offset + e.getValue().data().length);
      offset += e.getValue().data().length;
    }
    byte[] headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
      out.write(headerBytes);
      for (Tensor t : tensors.values()) out.write(t.data());
    }
  }

  /** A copy of {@code tensors} with every F32 tensor converted by {@code convert} (F32 bytes in, new tensor out). */
  public static Map<String, Tensor> map(Map<String, Tensor> tensors, UnaryOperator<Tensor> convert) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    tensors.forEach((name, t) -> out.put(name, t.dtype().equals("F32") ? convert.apply(t) : t));
    return out;
  }

  /** An F32 tensor as F16, each value rounded to the nearest half (ties to even), as PyTorch's {@code .half()} does. */
  public static Tensor toF16(Tensor f32) {
    ByteBuffer in = ByteBuffer.wrap(f32.data()).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(f32.data().length / 2).order(ByteOrder.LITTLE_ENDIAN);
    while (in.hasRemaining()) out.putShort(half(in.getFloat()));
    return new Tensor("F16", f32.shape(), out.array());
  }

  /** IEEE 754 binary16 nearest to {@code f}, ties to even. */
  public static short half(float f) {
    return Half.fromFloat(f);
  }
}
