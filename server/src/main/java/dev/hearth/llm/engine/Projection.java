package dev.hearth.llm.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The weight of one linear map {@code x → x · W} ({@code W} is {@code [in, out]}), split into column blocks that
 * PyTorch multiplies as one batch. Generating a token is nothing but single-row products, bound by how fast the
 * weights stream from memory, and PyTorch gives a single row times a single matrix to one thread, which reads at
 * about two thirds of what the machine can; a batch of blocks is shared among all its threads. The output columns
 * stay in order, so the result is the plain product.
 *
 * <p>Each block is stored in the layout its shape multiplies fastest in (measured, see docs/llm.md): a wide map
 * ({@code out > 2·in}, the MLP's gate and up, the output head) as {@code [chunks, in, out/chunks]}; the others as
 * the checkpoint has them, {@code [chunks, out/chunks, in]}, used through a transposed view (no copy at load).
 */
final class Projection {
  private final NDArray blocks;
  /** {@code [chunks, in, out/chunks]}: {@link #blocks} itself, or a transposed view of it. */
  private final NDArray inOut;
  private final boolean wide;
  private final long in;
  private final long out;
  private final long chunks;

  private Projection(NDArray blocks, boolean wide, long in, long out) {
    this.blocks = blocks;
    this.wide = wide;
    this.in = in;
    this.out = out;
    this.chunks = blocks.getShape().get(0);
    this.inOut = wide ? blocks : blocks.transpose(0, 2, 1);
  }

  /**
   * From a Hugging Face {@code [out, in]} weight, which is freed, in {@code chunks} blocks (lowered to a divisor of
   * {@code out}). A wide weight needs one extra copy of itself while it is rearranged.
   */
  static Projection fromOutIn(NDArray weight, int chunks) {
    long out = weight.getShape().get(0);
    long in = weight.getShape().get(1);
    int c = Math.max(1, chunks);
    while (out % c != 0) c--;
    NDArray split = weight.reshape(c, out / c, in); // rows b·out/c .. of [out, in] are block b: a view
    if (out <= 2 * in) {
      weight.close();
      return new Projection(split, false, in, out);
    }
    // transposing each block and flattening makes PyTorch copy it contiguous
    try (split; NDArray turned = split.transpose(0, 2, 1); NDArray flat = turned.reshape(-1)) {
      NDArray blocks = flat.reshape(c, in, out / c);
      blocks.attach(weight.getManager());
      weight.close();
      return new Projection(blocks, true, in, out);
    }
  }

  /** {@code x · W} for {@code x} of {@code [t, in]}: {@code [t, out]}. */
  NDArray apply(NDArray x) {
    long t = x.getShape().get(0);
    NDArray y = x.reshape(1, t, in).matMul(inOut); // [chunks, t, out / chunks]
    return t == 1 || chunks == 1 ? y.reshape(t, out) : y.transpose(1, 0, 2).reshape(t, out);
  }

  /**
   * Columns {@code ids} of {@code W} as rows, {@code [ids.length, in]}: the embedding lookup when the output
   * matrix is the tied input embedding (its {@code W} is the embedding transposed).
   */
  NDArray columns(NDManager manager, int[] ids) {
    long per = out / chunks;
    long[] offsets = new long[Math.toIntExact(ids.length * in)];
    for (int r = 0; r < ids.length; r++) {
      long block = ids[r] / per;
      long within = ids[r] % per;
      for (int i = 0; i < in; i++) {
        offsets[(int) (r * in + i)] = wide ? (block * in + i) * per + within : ids[r] * in + i;
      }
    }
    try (NDArray flat = blocks.reshape(-1); NDArray index = manager.create(offsets); NDArray picked = flat.get(index)) {
      NDArray rows = picked.reshape(ids.length, in);
      rows.attach(manager);
      return rows;
    }
  }
}
