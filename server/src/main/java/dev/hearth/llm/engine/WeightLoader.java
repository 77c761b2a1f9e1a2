package dev.hearth.llm.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hearth.llm.checkpoint.Checkpoint;
import dev.hearth.llm.checkpoint.CheckpointException;
import dev.hearth.llm.checkpoint.SafetensorsFile;
import dev.hearth.llm.checkpoint.SafetensorsFile.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Turns checkpoint tensors into float32 NDArrays, a block of rows at a time through reusable staging
 * buffers, so loading never holds more than the converted weights plus one block. BF16 and F16 are widened
 * exactly in Java ({@link Widen}): DJL 0.35 aborts the JVM when asked to create a BF16 array from a buffer.
 */
final class WeightLoader {
  /** Default staging block: large enough to keep reads efficient, small next to any real weight. */
  static final int DEFAULT_BLOCK_BYTES = 16 << 20;

  private final Checkpoint checkpoint;
  private final NDManager manager;
  private final int blockBytes;
  private ByteBuffer staging;
  private ByteBuffer widened;

  WeightLoader(Checkpoint checkpoint, NDManager manager, int blockBytes) {
    this.checkpoint = checkpoint;
    this.manager = manager;
    this.blockBytes = blockBytes;
  }

  /** Loads {@code name} as float32, checking its shape against what config.json implies. */
  NDArray load(String name, long... expected) {
    NDArray out = manager.create(new Shape(expected), DataType.FLOAT32);
    try {
      loadInto(out, 0, name, expected);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  /**
   * Loads {@code name} (of shape {@code expected}) as float32 into rows {@code firstRow ..} of {@code dest}, so
   * that weights stored together (the query, key and value projections) need no concatenation copy.
   */
  void loadInto(NDArray dest, long firstRow, String name, long... expected) {
    Checkpoint.Located t = checkpoint.get(name);
    TensorInfo info = t.info();
    if (!Arrays.equals(info.shape(), expected)) {
      throw new CheckpointException(checkpoint.dir() + ": tensor " + name + " has shape " + Arrays.toString(info.shape())
          + " but config.json implies " + Arrays.toString(expected));
    }
    switch (info.dtype()) {
      case F32, F16, BF16 -> { }
      default -> throw new CheckpointException(checkpoint.dir() + ": tensor " + name + " is " + info.dtype()
          + "; supported weight types: F32, BF16, F16");
    }
    long rows = expected.length == 0 ? 1 : expected[0];
    long rowBytes = (info.end() - info.begin()) / Math.max(1, rows);
    long rowsPerBlock = Math.max(1, blockBytes / Math.max(1, rowBytes));
    ByteBuffer buf = staging(Math.toIntExact(Math.min(rows, rowsPerBlock) * rowBytes));
    for (long r = 0; r < rows; r += rowsPerBlock) {
      long n = Math.min(rowsPerBlock, rows - r);
      try (NDArray block = convert(t, r, n, rowBytes, expected, buf)) {
        if (expected.length == 0) {
          dest.set(new NDIndex(), block);
        } else {
          dest.set(new NDIndex("{}:{}", firstRow + r, firstRow + r + n), block);
        }
      }
    }
  }

  private NDArray convert(Checkpoint.Located t, long firstRow, long rows, long rowBytes, long[] shape, ByteBuffer buf) {
    buf.clear().limit(Math.toIntExact(rows * rowBytes));
    t.file().read(t.info(), firstRow * rowBytes, buf);
    buf.flip();
    long[] blockShape = shape.clone();
    if (blockShape.length > 0) blockShape[0] = rows;
    ByteBuffer floats = buf;
    if (t.info().dtype() != SafetensorsFile.Dtype.F32) {
      int elements = buf.remaining() / 2;
      floats = widened(elements * 4);
      floats.clear().limit(elements * 4);
      if (t.info().dtype() == SafetensorsFile.Dtype.BF16) {
        Widen.bf16(buf.asShortBuffer(), floats.asFloatBuffer());
      } else {
        Widen.f16(buf.asShortBuffer(), floats.asFloatBuffer());
      }
    }
    // copied into its destination before the staging buffer is reused
    return manager.create(floats, new Shape(blockShape), DataType.FLOAT32);
  }

  private ByteBuffer widened(int bytes) {
    if (widened == null || widened.capacity() < bytes) {
      widened = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
    return widened;
  }

  private ByteBuffer staging(int bytes) {
    if (staging == null || staging.capacity() < bytes) {
      staging = ByteBuffer.allocateDirect(Math.max(bytes, Math.min(blockBytes, 1 << 20))).order(ByteOrder.LITTLE_ENDIAN);
    }
    return staging;
  }
}
