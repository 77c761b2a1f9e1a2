package dev.hearth.llm.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintStream;

/**
 * Times PyTorch's matrix products at a model's weight shapes, the way the engine computes them (column blocks,
 * {@link Projection}) and plainly ({@code x · W} with {@code W} contiguous {@code [in, out]}), for 1, a few and many
 * rows. Each case cycles through enough distinct weight copies that they come from memory, not from cache, as
 * a model's do. Prints GFLOP/s and the rate the weights were read at.
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
          double[] plain = time(manager, in, outDim, t, false, streamBytes);
          double[] blocks = time(manager, in, outDim, t, true, streamBytes);
          out.printf("%-8s [%5d → %5d] %3d rows: plain %6.1f GFLOP/s %5.1f GB/s | blocks %6.1f GFLOP/s %5.1f GB/s%n",
              names[s], in, outDim, t, plain[0], plain[1], blocks[0], blocks[1]);
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

  /** {GFLOP/s, GB/s of weights} for {@code t} rows through an {@code [out, in]} weight, best of three passes. */
  private static double[] time(NDManager manager, long in, long out, int t, boolean blocks, long streamBytes) {
    long bytes = in * out * 4;
    int copies = (int) Math.min(256, Math.max(4, streamBytes / bytes));
    Object[] weights = new Object[copies];
    try (NDManager scope = manager.newSubManager()) {
      for (int i = 0; i < copies; i++) {
        NDArray w = scope.randomNormal(new Shape(out, in));
        if (blocks) {
          weights[i] = Projection.fromOutIn(w, LlamaModel.CHUNKS);
        } else {
          try (NDArray turned = w.transpose(); NDArray flat = turned.reshape(-1)) {
            weights[i] = flat.reshape(in, out);
          }
          w.close();
        }
      }
      NDArray x = scope.randomNormal(new Shape(t, in));
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
}
