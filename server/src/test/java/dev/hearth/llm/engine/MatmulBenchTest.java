package dev.hearth.llm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `hearth llm matmul` prints one line per weight shape and row count, and the large-product rate. */
class MatmulBenchTest {
  @Test
  void printsEveryShapeAndRowCount() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MatmulBench.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), 16, 24, 32, new int[] {1, 3}, 8 << 10, 64);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.lines().filter(l -> l.matches(
        "(q/k/v|o|gate/up|down) +\\[ *\\d+ → +\\d+\\] +[13] rows: plain +[0-9.]+ GFLOP/s +[0-9.]+ GB/s \\| blocks +[0-9.]+ GFLOP/s +[0-9.]+ GB/s"
            + " \\| int8×int8 \\(wraps\\) +[0-9.]+ GOP/s +[0-9.]+ GB/s")))
        .hasSize(8);
    assertThat(out).contains("gate/up  [   16 →    64]").containsPattern("square 64 × 64 × 64 .*: [0-9.]+ GFLOP/s");
  }
}
