package dev.hearth.llm.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code .safetensors} file: an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the raw data. The header is validated when the file is opened, so a
 * truncated or corrupt file fails here with the tensor and byte range named, never later as garbage numbers.
 *
 * <p>Tensor data is read with positional reads into a caller's buffer rather than memory-mapped: pages of a
 * mapping stay resident until the mapping is garbage-collected, which would count the file on top of the
 * converted weights. Safe for concurrent reads.
 */
public final class SafetensorsFile implements AutoCloseable {
  /** Largest header accepted (the format's own limit is 100 MB). */
  private static final long MAX_HEADER_BYTES = 100L << 20;

  private final Path path;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  /** Element types as the header spells them, with their width in bytes. */
  public enum Dtype {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    public final int bytes;

    Dtype(int bytes) {
      this.bytes = bytes;
    }
  }

  /** One tensor's header entry; {@code begin} and {@code end} are byte offsets into the data section. */
  public record TensorInfo(String name, Dtype dtype, long[] shape, long begin, long end) {
    public long elements() {
      long n = 1;
      for (long d : shape) n *= d;
      return n;
    }
  }

  private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
      Map<String, String> metadata) {
    this.path = path;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /** Opens and validates the header of {@code path}. */
  public static SafetensorsFile open(Path path) {
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new CheckpointException("cannot open " + path + ": " + e.getMessage(), e);
    }
    try {
      long size = channel.size();
      if (size < 8) throw corrupt(path, "the file has " + size + " bytes, fewer than the 8-byte header length");
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lenBuf, 0);
      long headerLen = lenBuf.flip().getLong();
      if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
        throw corrupt(path, "header length " + headerLen + " does not fit the file of " + size + " bytes");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLen);
      readFully(channel, header, 8);
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(header.array());
      } catch (IOException e) {
        throw corrupt(path, "the header is not valid JSON (" + e.getMessage() + ")");
      }
      if (root == null || !root.isObject()) throw corrupt(path, "the header is not a JSON object");
      long dataLen = size - 8 - headerLen;
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("__metadata__")) {
          e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        } else {
          tensors.put(e.getKey(), tensor(path, e.getKey(), e.getValue(), dataLen));
        }
      }
      return new SafetensorsFile(path, channel, 8 + headerLen, Collections.unmodifiableMap(tensors),
          Collections.unmodifiableMap(metadata));
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof CheckpointException ce) throw ce;
      throw new CheckpointException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static TensorInfo tensor(Path path, String name, JsonNode node, long dataLen) {
    Dtype dtype;
    try {
      dtype = Dtype.valueOf(node.path("dtype").asText());
    } catch (IllegalArgumentException e) {
      throw corrupt(path, "tensor " + name + " has unknown dtype '" + node.path("dtype").asText() + "'");
    }
    JsonNode shapeNode = node.path("shape");
    JsonNode offsets = node.path("data_offsets");
    if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
      throw corrupt(path, "tensor " + name + " lacks a shape or a two-element data_offsets");
    }
    long[] shape = new long[shapeNode.size()];
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong(-1);
      if (shape[i] < 0) throw corrupt(path, "tensor " + name + " has a negative dimension");
      elements = Math.multiplyExact(elements, shape[i]);
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    if (begin < 0 || end < begin || end - begin != elements * dtype.bytes) {
      throw corrupt(path, "tensor " + name + " has data_offsets [" + begin + ", " + end + ") that do not hold "
          + elements + " " + dtype + " values");
    }
    if (end > dataLen) {
      throw corrupt(path, "tensor " + name + " needs bytes [" + begin + ", " + end + ") of the data section, which has only "
          + dataLen + " bytes (the file is truncated; download it again)");
    }
    return new TensorInfo(name, dtype, shape, begin, end);
  }

  private static CheckpointException corrupt(Path path, String what) {
    return new CheckpointException(path + " is not a valid safetensors file: " + what);
  }

  private static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
    while (dst.hasRemaining()) {
      int n = channel.read(dst, position);
      if (n < 0) throw new IOException("unexpected end of file at byte " + position);
      position += n;
    }
  }

  public Path path() {
    return path;
  }

  /** Tensors by name, in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The header's {@code __metadata__} strings (may be empty). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Fills {@code dst}'s remaining bytes with the tensor's raw data starting {@code offsetBytes} into it. */
  public void read(TensorInfo tensor, long offsetBytes, ByteBuffer dst) {
    if (offsetBytes < 0 || tensor.begin() + offsetBytes + dst.remaining() > tensor.end()) {
      throw new IllegalArgumentException("read past the end of tensor " + tensor.name());
    }
    try {
      readFully(channel, dst, dataStart + tensor.begin() + offsetBytes);
    } catch (IOException e) {
      throw new CheckpointException("cannot read tensor " + tensor.name() + " from " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new CheckpointException("cannot close " + path + ": " + e.getMessage(), e);
    }
  }
}
