package dev.hearth.llm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hearth.llm.Fixtures;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Column blocks multiply exactly like the plain weight, whatever the shape, chunk count and number of rows. */
class ProjectionTest {
  @ParameterizedTest(name = "{0}x{1} weight in {2} chunks, {3} rows")
  @CsvSource({
      "12, 5, 4, 1",   // wide: stored [chunks, in, out/chunks]
      "12, 5, 4, 3",
      "12, 5, 5, 2",   // 5 does not divide 12: lowered to 4
      "6, 9, 3, 1",    // tall: the checkpoint's [out, in], through a transposed view
      "6, 9, 2, 4",
      "7, 7, 1, 3",
  })
  void blocksMultiplyLikeThePlainWeight(int out, int in, int chunks, int rows) {
    Random random = new Random(out * 31L + in);
    float[] w = randoms(random, out * in);
    float[] x = randoms(random, rows * in);
    float[] expected = new float[rows * out];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < out; o++) {
        double sum = 0;
        for (int i = 0; i < in; i++) sum += (double) x[r * in + i] * w[o * in + i];
        expected[r * out + o] = (float) sum;
      }
    }
    try (NDManager manager = Torch.newManager()) {
      Projection p = Projection.fromOutIn(manager.create(w, new Shape(out, in)), chunks);
      NDArray y = p.apply(manager.create(x, new Shape(rows, in)));
      assertThat(y.getShape()).isEqualTo(new Shape(rows, out));
      assertThat(Fixtures.maxAbsDiff(y.toFloatArray(), expected)).isLessThan(1e-5);

      // the tied embedding: columns of x·W are the checkpoint's rows
      int[] ids = {out - 1, 0, out / 2};
      float[] columns = p.columns(manager, ids).toFloatArray();
      for (int r = 0; r < ids.length; r++) {
        for (int i = 0; i < in; i++) assertThat(columns[r * in + i]).isEqualTo(w[ids[r] * in + i]);
      }
    }
  }

  private static float[] randoms(Random random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) random.nextGaussian();
    return a;
  }
}
