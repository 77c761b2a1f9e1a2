package dev.hearth.llm.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** binary16 ⇄ float32, at the edges where a hand-written conversion goes wrong. */
class HalfTest {
  @Test
  void roundsToNearestWithTiesToEven() {
    assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3c00);
    assertThat(Half.fromFloat(1 + 0x1p-11f)).as("a tie, to the even 1.0").isEqualTo((short) 0x3c00);
    assertThat(Half.fromFloat(1 + 3 * 0x1p-11f)).as("a tie, to the even 1 + 2^-9").isEqualTo((short) 0x3c02);
    assertThat(Half.fromFloat(1 + 0x1p-11f + 0x1p-20f)).as("just past a tie").isEqualTo((short) 0x3c01);
    assertThat(Half.fromFloat(-2.5f)).isEqualTo((short) 0xc100);
    assertThat(Half.fromFloat(-0f)).isEqualTo((short) 0x8000);
  }

  @Test
  void subnormalsUnderflowAndOverflow() {
    assertThat(Half.fromFloat(0x1p-14f)).as("the smallest normal").isEqualTo((short) 0x0400);
    assertThat(Half.fromFloat(0x1p-24f)).as("the smallest subnormal").isEqualTo((short) 0x0001);
    assertThat(Half.fromFloat(3 * 0x1p-26f)).as("0.75 of the smallest subnormal").isEqualTo((short) 0x0001);
    assertThat(Half.fromFloat(0x1p-25f)).as("half the smallest subnormal, a tie to even zero").isEqualTo((short) 0);
    assertThat(Half.fromFloat(1023 * 0x1p-24f + 0x1p-25f)).as("a tie carries into the smallest normal").isEqualTo((short) 0x0400);
    assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);
    assertThat(Half.fromFloat(65519f)).as("below half a unit past the largest").isEqualTo((short) 0x7bff);
    assertThat(Half.fromFloat(65520f)).as("half a unit past the largest").isEqualTo((short) 0x7c00);
    assertThat(Half.fromFloat(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xfc00);
    assertThat(Half.toFloat(Half.fromFloat(Float.NaN))).isNaN();
  }

  @Test
  void everyHalfSurvivesWideningAndNarrowing() {
    for (int h = 0; h < 0x10000; h++) {
      float f = Half.toFloat((short) h);
      if (Float.isNaN(f)) continue;
      assertThat(Half.fromFloat(f) & 0xFFFF).as("0x%04x", h).isEqualTo(h);
    }
    assertThat(Half.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(Half.toFloat((short) 0xfbff)).isEqualTo(-65504f);
  }
}
