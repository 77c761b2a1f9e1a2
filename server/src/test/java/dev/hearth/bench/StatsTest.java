package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void oneToHundredGivesRanksFiftyAndNinetyFive() {
    List<Integer> values = new ArrayList<>(IntStream.rangeClosed(1, 100).boxed().toList());
    Collections.shuffle(values);

    Stats s = Stats.of(values);

    assertThat(s).isEqualTo(new Stats(100, 50.0, 95.0, 100.0));
  }

  @Test
  void nearestRankPicksAMeasuredValue() {
    // n = 5: p50 rank ceil(2.5) = 3, p95 rank ceil(4.75) = 5
    Stats s = Stats.of(List.of(300.0, 100.0, 500.0, 200.0, 400.0));

    assertThat(s).isEqualTo(new Stats(5, 300.0, 500.0, 500.0));
  }

  @Test
  void evenCountTakesTheLowerMiddle() {
    // n = 4: p50 rank ceil(2) = 2, no averaging
    assertThat(Stats.of(List.of(10, 20, 30, 40)).p50()).isEqualTo(20.0);
  }

  @Test
  void singleValueIsEveryPercentile() {
    assertThat(Stats.of(List.of(7.5))).isEqualTo(new Stats(1, 7.5, 7.5, 7.5));
  }

  @Test
  void nullsAreSkipped() {
    assertThat(Stats.of(Arrays.asList(null, 4.0, null, 2.0))).isEqualTo(new Stats(2, 2.0, 4.0, 4.0));
  }

  @Test
  void emptyInputHasCountZeroAndNoNumbers() {
    assertThat(Stats.of(List.of())).isEqualTo(new Stats(0, null, null, null));
    assertThat(Stats.of(Arrays.asList((Double) null))).isEqualTo(new Stats(0, null, null, null));
  }

  @Test
  void percentileEdges() {
    double[] sorted = {1, 2, 3};
    assertThat(Stats.percentile(sorted, 0)).isEqualTo(1);
    assertThat(Stats.percentile(sorted, 100)).isEqualTo(3);
    assertThatThrownBy(() -> Stats.percentile(new double[0], 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(sorted, 101)).isInstanceOf(IllegalArgumentException.class);
  }
}
