package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpokenNumbersTest {

  @Test
  void integersHaveNoDecimals() {
    assertThat(SpokenNumbers.round(84.0)).isEqualTo(new SpokenNumbers.Rounded("84", false));
    assertThat(SpokenNumbers.round(1e12).text()).isEqualTo("1000000000000");
    assertThat(SpokenNumbers.round(-0.0).text()).isEqualTo("0");
  }

  @Test
  void shortDecimalsAreExact() {
    assertThat(SpokenNumbers.round(2.5)).isEqualTo(new SpokenNumbers.Rounded("2.5", false));
    assertThat(SpokenNumbers.round(0.125)).isEqualTo(new SpokenNumbers.Rounded("0.125", false));
    assertThat(SpokenNumbers.round(0.1 + 0.2)).isEqualTo(new SpokenNumbers.Rounded("0.3", false));
    assertThat(SpokenNumbers.round(273.15)).isEqualTo(new SpokenNumbers.Rounded("273.15", false));
  }

  @Test
  void longDecimalsAreRoundedAndMarkedAbout() {
    assertThat(SpokenNumbers.round(10.0 / 3).withAbout()).isEqualTo("about 3.33");
    assertThat(SpokenNumbers.round(16.09344).withAbout()).isEqualTo("about 16.09");
    assertThat(SpokenNumbers.round(1.0 / 3).withAbout()).isEqualTo("about 0.333");
    assertThat(SpokenNumbers.round(2.0 / 3).withAbout()).isEqualTo("about 0.667");
    assertThat(SpokenNumbers.round(0.000123456).withAbout()).isEqualTo("about 0.000123");
    assertThat(SpokenNumbers.round(2.9999999).withAbout()).isEqualTo("about 3");
  }

  @Test
  void negativesAreSpokenWithMinus() {
    assertThat(SpokenNumbers.round(-3).text()).isEqualTo("minus 3");
    assertThat(SpokenNumbers.round(-10.0 / 3).withAbout()).isEqualTo("about minus 3.33");
  }

  @Test
  void rejectsNonNumbers() {
    assertThatThrownBy(() -> SpokenNumbers.round(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpokenNumbers.round(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void capitalizesFirstLetter() {
    assertThat(SpokenNumbers.capitalize("twelve times seven")).isEqualTo("Twelve times seven");
    assertThat(SpokenNumbers.capitalize("12 times 7")).isEqualTo("12 times 7");
    assertThat(SpokenNumbers.capitalize("")).isEmpty();
  }
}
