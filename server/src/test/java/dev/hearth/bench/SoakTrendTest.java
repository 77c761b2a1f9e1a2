package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's RSS trend compares window medians, so one high or low sample does not decide it. */
class SoakTrendTest {
  private static final long MB = 1_048_576;

  private static List<Soak.Sample> minutely(int minutes, java.util.function.IntToLongFunction rssMb) {
    List<Soak.Sample> samples = new ArrayList<>();
    for (int m = 0; m <= minutes; m++) {
      samples.add(new Soak.Sample("at " + m, m, 0, 0, 0, rssMb.applyAsLong(m) * MB, null, null));
    }
    return samples;
  }

  @Test
  void swingsAroundAFlatLevelShowNoGrowth() {
    // 540 and 600 MB in turn, the minute-10 sample low and the minute-59 one high: those two would say +11%
    List<Soak.Sample> samples = minutely(60, m -> m % 2 == 0 ? 540 : 600);
    assertThat(Soak.rssTrend(samples)).hasValueSatisfying(t -> assertThat(t).endsWith(": +0.0%"));
  }

  @Test
  void steadyGrowthShows() {
    List<Soak.Sample> samples = minutely(60, m -> 500 + 2L * m); // 2 MB a minute
    // minutes 10-19: median 529 MB; minutes 51-60: median 611 MB
    assertThat(Soak.rssTrend(samples)).hasValue(
        "RSS median over minutes 10-20 529.0 MB, over the last ten minutes 611.0 MB: +15.5%");
  }

  @Test
  void aShortRunHasNoTrend() {
    assertThat(Soak.rssTrend(minutely(20, m -> 500))).isEmpty();
  }
}
