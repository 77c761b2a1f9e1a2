package dev.hearth.llm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WidenTest {
  @Test
  void halfPrecisionValuesWidenExactly() {
    assertThat(Widen.f16((short) 0x3C00)).isEqualTo(1.0f);
    assertThat(Widen.f16((short) 0xC000)).isEqualTo(-2.0f);
    assertThat(Widen.f16((short) 0x7BFF)).isEqualTo(65504.0f);
    assertThat(Widen.f16((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(Widen.f16((short) 0x03FF)).isEqualTo(1023 * 0x1p-24f);
    assertThat(Widen.f16((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Widen.f16((short) 0x7E00)).isNaN();
    assertThat(Float.floatToRawIntBits(Widen.f16((short) 0x8000))).isEqualTo(0x80000000);
  }
}
