package dev.hearth.llm.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.PrintStream;

/**
 * Times PyTorch's matrix products at a model's weight shapes, the way the engine computes them (column blocks,
 * {@link Projection}) and plainly ({@code x · W} with {@code W} contiguous {@code [in, out]}), for 1, a few and many
 * rows. Each case cycles through enough distinct weight copies that they come from memory, not from cache, as
 * a model's do. Prints GFLOP/s and the rate the weights were read at.
 *
 * <p>A third column multiplies int8 inputs by int8 weights ({@code [in, out]}), the only int8 product DJL's PyTorch
 * engine offers: its result is int8 too, so the sums wrap and are useless to a model. It shows how fast a product
 * reading a quarter of the bytes could be, not one the engine can use (see docs/llm.md).
 */
public final class MatmulBench {
  private static final long STREAM_BYTES = 512L << 20;

  private MatmulBench() {}

  /** Runs the cases for a model with these sizes; {@code rows} are the row counts to try. */
  public static void run(PrintStream out, int hidden, int qkvOut, int intermediate, int[] rows) {
    run(out, hidden, qkvOut, intermediate, rows, STREAM_BYTES, 2048);
  }

  /** As above, with {@code streamBytes} of weight copies per case and a {@code square}-sized reference product. */
  static void run(PrintStream out, int hidden, int qkvOut, int intermediate, int[] rows, long streamBytes, int square) {
    try (NDManager manager = Torch.newManager()) {
      out.printf("threads %s, column blocks %d; weights read from memory (%d MB of copies per case)%n",
          System.getProperty("ai.djl.pytorch.num_threads"), LlamaModel.CHUNKS, streamBytes >> 20);
      long[][] shapes = {{qkvOut, hidden}, {hidden, hidden}, {2L * intermediate, hidden}, {hidden, intermediate}};
      String[] names = {"q/k/v", "o", "gate/up", "down"};
      for (int s = 0; s < shapes.length; s++) {
        long outDim = shapes[s][0];
        long in = shapes[s][1];
        for (int t : rows) {
          double[] plain = time(manager, in, outDim, t, Layout.PLAIN, streamBytes);
          double[] blocks = time(manager, in, outDim, t, Layout.BLOCKS, streamBytes);
          double[] int8 = time(manager, in, outDim, t, Layout.INT8, streamBytes);
          out.printf("%-8s [%5d → %5d] %3d rows: plain %6.1f GFLOP/s %5.1f GB/s | blocks %6.1f GFLOP/s %5.1f GB/s"
              + " | int8×int8 (wraps) %6.1f GOP/s %5.1f GB/s%n",
              names[s], in, outDim, t, plain[0], plain[1], blocks[0], blocks[1], int8[0], int8[1]);
        }
      }
      try (NDArray a = manager.randomNormal(new Shape(square, square)); NDArray b = manager.randomNormal(new Shape(square, square))) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
          long t0 = System.nanoTime();
          try (NDArray c = a.matMul(b)) {
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
          }
        }
        out.printf("square %d × %d × %d (the machine's large-product rate): %.1f GFLOP/s%n", square, square, square,
            2.0 * square * square * square / best / 1e9);
      }
    }
  }

  /** How a case stores its weights: contiguous {@code [in, out]}, as {@link Projection}, or int8 {@code [in, out]}. */
  private enum Layout { PLAIN, BLOCKS, INT8 }

  /** {GFLOP/s, GB/s of weights} for {@code t} rows through an {@code [out, in]} weight, best of three passes. */
  private static double[] time(NDManager manager, long in, long out, int t, Layout layout, long streamBytes) {
    long bytes = in * out * (layout == Layout.INT8 ? 1 : 4);
    int copies = (int) Math.min(256, Math.max(4, streamBytes / bytes));
    Object[] weights = new Object[copies];
    try (NDManager scope = manager.newSubManager()) {
      for (int i = 0; i < copies; i++) {
        NDArray w = scope.randomNormal(new Shape(out, in));
        if (layout == Layout.BLOCKS) {
          weights[i] = Projection.fromOutIn(w, LlamaModel.CHUNKS);
        } else {
          try (NDArray turned = w.transpose(); NDArray flat = turned.reshape(-1)) {
            NDArray inOut = flat.reshape(in, out);
            weights[i] = layout == Layout.INT8 ? int8(inOut) : inOut;
          }
          w.close();
        }
      }
      NDArray x = scope.randomNormal(new Shape(t, in));
      if (layout == Layout.INT8) x = int8(x);
      double best = Double.MAX_VALUE;
      for (int pass = 0; pass < 3; pass++) {
        long t0 = System.nanoTime();
        for (Object w : weights) {
          try (NDManager step = scope.newSubManager()) {
            NDArray xs = x.duplicate();
            xs.attach(step);
            if (w instanceof Projection p) {
              p.apply(xs);
            } else {
              xs.matMul((NDArray) w);
            }
          }
        }
        best = Math.min(best, (System.nanoTime() - t0) / 1e9 / copies);
      }
      return new double[] {2.0 * t * in * out / best / 1e9, bytes / best / 1e9};
    }
  }

  /** {@code a}'s values times 20 as int8 (truncated), closing {@code a}: speed only, the values do not matter. */
  private static NDArray int8(NDArray a) {
    try (a; NDArray scaled = a.mul(20)) {
      return scaled.toType(DataType.INT8, false);
    }
  }
}
