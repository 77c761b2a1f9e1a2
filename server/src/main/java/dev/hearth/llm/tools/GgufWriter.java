package dev.hearth.llm.tools;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a GGUF file (version 3, little-endian), the format llama.cpp loads: the header, the metadata key/value pairs,
 * every tensor's info, then the tensors' data, each starting at a multiple of {@link #ALIGNMENT} bytes. The caller
 * streams the data in the order the tensors were declared, so no more than the caller's buffer is ever in memory;
 * {@link #close} fails unless every tensor got exactly its size.
 *
 * <p>Tensor dimensions are given innermost first, as GGUF stores them: the reverse of a safetensors shape, so a
 * PyTorch {@code [out, in]} weight is {@code {in, out}}.
 */
public final class GgufWriter implements AutoCloseable {
  /** Bytes each tensor's data is aligned to: GGUF's default, which {@code general.alignment} may restate. */
  public static final int ALIGNMENT = 32;

  /** "GGUF" read as a little-endian uint32. */
  static final int MAGIC = 0x46554747;
  static final int VERSION = 3;

  /** One tensor: its name, type and dimensions, innermost first. */
  public record Tensor(String name, GgmlType type, long... dims) {
    /** Bytes of its data; the innermost dimension must split into whole blocks of its type. */
    public long bytes() {
      long rows = 1;
      for (int i = 1; i < dims.length; i++) rows *= dims[i];
      return type.bytes(dims[0]) * rows;
    }
  }

  private final Path file;
  private final OutputStream out;
  private final List<Tensor> tensors;
  private long position;
  private int current;
  private long leftInCurrent;

  private GgufWriter(Path file, OutputStream out, List<Tensor> tensors) {
    this.file = file;
    this.out = out;
    this.tensors = tensors;
  }

  /** Creates {@code file} and writes everything up to the first tensor's data; then call {@link #write}. */
  public static GgufWriter create(Path file, GgufMetadata metadata, List<Tensor> tensors) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(MAGIC).putInt(VERSION).putLong(tensors.size()).putLong(metadata.count());
    Bytes infos = new Bytes();
    long offset = 0;
    for (Tensor t : tensors) {
      infos.string(t.name()).u32(t.dims().length);
      for (long d : t.dims()) infos.u64(d);
      infos.u32(t.type().id).u64(offset);
      offset = align(offset + t.bytes());
    }
    GgufWriter w = new GgufWriter(file, new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), tensors);
    try {
      w.put(head.array(), head.position());
      w.put(metadata.raw().bytes(), metadata.raw().size());
      w.put(infos.bytes(), infos.size());
      w.pad();
      w.leftInCurrent = tensors.isEmpty() ? 0 : tensors.get(0).bytes();
    } catch (IOException | RuntimeException e) {
      w.out.close();
      throw e;
    }
    return w;
  }

  /**
   * Appends {@code data}'s remaining bytes to the tensors' data, in declaration order: bytes past the end of one
   * tensor go to the next, after its alignment padding.
   */
  public void write(ByteBuffer data) throws IOException {
    while (data.hasRemaining()) {
      if (current >= tensors.size()) throw new IllegalStateException(file + ": more data than the tensors declared");
      int n = (int) Math.min(data.remaining(), leftInCurrent);
      if (data.hasArray()) {
        put(data.array(), data.arrayOffset() + data.position(), n);
        data.position(data.position() + n);
      } else {
        byte[] copy = new byte[n];
        data.get(copy);
        put(copy, 0, n);
      }
      leftInCurrent -= n;
      while (leftInCurrent == 0 && current < tensors.size()) {
        current++;
        pad();
        leftInCurrent = current < tensors.size() ? tensors.get(current).bytes() : 0;
      }
    }
  }

  /** Flushes and closes the file; throws if a tensor got less data than its size. */
  @Override
  public void close() throws IOException {
    try (out) {
      if (current < tensors.size()) {
        throw new IllegalStateException(file + ": tensor " + tensors.get(current).name() + " is " + leftInCurrent
            + " bytes short (and " + (tensors.size() - current - 1) + " tensors after it have no data)");
      }
    }
  }

  static long align(long offset) {
    return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private void pad() throws IOException {
    int n = (int) (align(position) - position);
    if (n > 0) put(new byte[n], n);
  }

  private void put(byte[] bytes, int n) throws IOException {
    put(bytes, 0, n);
  }

  private void put(byte[] bytes, int from, int n) throws IOException {
    out.write(bytes, from, n);
    position += n;
  }

  /** A growable little-endian byte buffer with GGUF's primitive encodings. */
  static final class Bytes {
    private ByteBuffer buf = ByteBuffer.allocate(1 << 12).order(ByteOrder.LITTLE_ENDIAN);

    Bytes u32(int v) {
      room(4).putInt(v);
      return this;
    }

    Bytes u64(long v) {
      room(8).putLong(v);
      return this;
    }

    Bytes f32(float v) {
      room(4).putFloat(v);
      return this;
    }

    Bytes u8(int v) {
      room(1).put((byte) v);
      return this;
    }

    /** A GGUF string: a uint64 byte length, then UTF-8 without a terminator. */
    Bytes string(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      u64(utf8.length);
      room(utf8.length).put(utf8);
      return this;
    }

    byte[] bytes() {
      return buf.array();
    }

    int size() {
      return buf.position();
    }

    private ByteBuffer room(int n) {
      if (buf.remaining() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(ByteOrder.LITTLE_ENDIAN);
        bigger.put(buf.array(), 0, buf.position());
        buf = bigger;
      }
      return buf;
    }
  }
}
