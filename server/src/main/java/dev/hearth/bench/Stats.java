package dev.hearth.bench;

import java.util.Collection;
import java.util.Objects;

/**
 * Count, median, 95th percentile and maximum of a set of measurements, using the nearest-rank method (every
 * reported value is one that was measured). The numbers are {@code null} when there were no measurements.
 */
public record Stats(int count, Double p50, Double p95, Double max) {

  /** Summarizes {@code values}, skipping nulls (a step that did not happen). */
  public static Stats of(Collection<? extends Number> values) {
    double[] sorted = values.stream().filter(Objects::nonNull).mapToDouble(Number::doubleValue).sorted().toArray();
    if (sorted.length == 0) return new Stats(0, null, null, null);
    return new Stats(sorted.length, percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1]);
  }

  /**
   * The nearest-rank {@code percent}th percentile of {@code sorted} (ascending, not empty): the value at rank
   * ceil(percent / 100 × n), counting from 1.
   */
  public static double percentile(double[] sorted, double percent) {
    if (sorted.length == 0) throw new IllegalArgumentException("no values");
    if (percent < 0 || percent > 100) throw new IllegalArgumentException("percent must be 0-100: " + percent);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
