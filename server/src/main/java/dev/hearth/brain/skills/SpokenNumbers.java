package dev.hearth.brain.skills;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Writes computed numbers the way they should be spoken: "84", "2.5", "about 3.33", "minus 3". */
final class SpokenNumbers {

  /** A number ready to speak; {@code approximate} when it had to be rounded. */
  record Rounded(String text, boolean approximate) {
    /** The text, preceded by "about " when rounded. */
    String withAbout() {
      return approximate ? "about " + text : text;
    }
  }

  private SpokenNumbers() {}

  /**
   * Rounds for speech: values with at most 4 decimals are exact ("0.125"); others become 2 decimals when at
   * least 1 ("3.33") or 3 significant digits when smaller ("0.0333"). Integers never get ".0".
   */
  static Rounded round(double value) {
    if (!Double.isFinite(value)) throw new IllegalArgumentException("not a finite number: " + value);
    BigDecimal exact = new BigDecimal(value);
    BigDecimal fourDecimals = exact.setScale(4, RoundingMode.HALF_UP);
    double tolerance = 1e-9 * Math.max(1, Math.abs(value));
    if (Math.abs(fourDecimals.doubleValue() - value) <= tolerance) return new Rounded(text(fourDecimals), false);
    BigDecimal rounded = Math.abs(value) >= 1
        ? exact.setScale(2, RoundingMode.HALF_UP)
        : exact.round(new MathContext(3, RoundingMode.HALF_UP));
    return new Rounded(text(rounded), true);
  }

  private static String text(BigDecimal number) {
    if (number.signum() == 0) return "0";
    String digits = number.abs().stripTrailingZeros().toPlainString();
    return number.signum() < 0 ? "minus " + digits : digits;
  }

  static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
