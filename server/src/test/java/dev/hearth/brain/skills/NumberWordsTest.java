package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberWordsTest {

  @ParameterizedTest(name = "\"{0}\" = {1}")
  @CsvSource({
      "zero, 0", "one, 1", "seven, 7", "ten, 10", "twelve, 12", "nineteen, 19", "twenty, 20", "twenty one, 21",
      "ninety nine, 99", "one hundred, 100", "a hundred, 100", "one hundred and five, 105", "one hundred five, 105",
      "two hundred thirty four, 234", "twelve hundred, 1200", "twenty five hundred, 2500", "a thousand, 1000",
      "one thousand, 1000", "two thousand and twenty four, 2024",
      "three thousand four hundred and fifty six, 3456", "a hundred thousand, 100000", "one million, 1000000",
      "a million, 1000000", "one million two hundred thousand, 1200000", "two billion, 2000000000",
      "two point five, 2.5", "zero point five, 0.5", "point five, 0.5", "three point one four, 3.14",
      "one point oh five, 1.05", "two point five million, 2500000", "half, 0.5", "a half, 0.5",
      "one and a half, 1.5", "two and a half, 2.5", "ten and half, 10.5", "12, 12", "2.5, 2.5", "0.125, 0.125",
      "'1,000', 1000", "'1,234,567', 1234567", "1000000, 1000000", "2 thousand, 2000", "3 hundred, 300",
      "1.5 million, 1500000", "3 and a half, 3.5", "minus five, -5", "negative two point five, -2.5",
      "minus 12, -12"})
  void readsWholeNumbers(String text, double expected) {
    assertThat(NumberWords.parseAll(text)).hasValueCloseTo(expected, within(1e-9));
  }

  @ParameterizedTest(name = "\"{0}\" reads {1} from {2} tokens")
  @CsvSource({
      "five six, 5, 1",
      "nineteen ninety, 19, 1",
      "twenty twenty, 20, 1",
      "twelve twenty, 12, 1",
      "five and six, 5, 1",
      "one hundred and, 100, 2",
      "one hundred and minutes, 100, 2",
      "two times three, 2, 1",
      "twenty five minutes, 25, 2",
      "one hour and thirty minutes, 1, 1",
      "three hundred hundred, 300, 2",
      "one thousand thousand, 1000, 2",
      "two point, 2, 1",
      "two point apples, 2, 1",
      "zero five, 0, 1",
      "zero and a half, 0, 1",
      "ten and a half minutes, 10.5, 4",
      "seven twenty five, 7, 1",
      "12 times 7, 12, 1",
      "2.5 kilograms, 2.5, 1",
      "four thousand four, 4004, 3"})
  void stopsWhereTheNumberEnds(String text, double value, int tokens) {
    Optional<NumberWords.Match> match = NumberWords.parse(tokens(text), 0);
    assertThat(match).isPresent();
    assertThat(match.get().value()).isCloseTo(value, within(1e-9));
    assertThat(match.get().tokens()).isEqualTo(tokens);
  }

  @ParameterizedTest(name = "\"{0}\" is not a number")
  @ValueSource(strings = {"a", "an hour", "the", "hundred", "thousand", "and five", "point", "point apples", "minus",
      "and", "capital", "oh", "x", "twelve.", "1.2.3"})
  void findsNoNumber(String text) {
    assertThat(NumberWords.parse(tokens(text), 0)).isEmpty();
  }

  @Test
  void signIsOnlyReadBySignedParse() {
    assertThat(NumberWords.parse(tokens("minus five"), 0)).isEmpty();
    assertThat(NumberWords.parseSigned(tokens("minus five"), 0)).contains(new NumberWords.Match(-5, 2));
    assertThat(NumberWords.parseSigned(tokens("minus the"), 0)).isEmpty();
  }

  @Test
  void readsFromAnOffset() {
    List<String> tokens = tokens("what is seven times two");
    assertThat(NumberWords.parse(tokens, 2)).contains(new NumberWords.Match(7, 1));
    assertThat(NumberWords.parse(tokens, 4)).contains(new NumberWords.Match(2, 1));
    assertThat(NumberWords.parse(tokens, 0)).isEmpty();
    assertThat(NumberWords.parse(tokens, 5)).isEmpty();
    assertThat(NumberWords.parse(tokens, -1)).isEmpty();
  }

  @Test
  void parseAllRejectsTrailingWords() {
    assertThat(NumberWords.parseAll("five apples")).isEmpty();
    assertThat(NumberWords.parseAll("twenty one pilots")).isEmpty();
    assertThat(NumberWords.parseAll("")).isEmpty();
  }

  @Test
  void knowsNumberWords() {
    assertThat(NumberWords.isNumberWord("seven")).isTrue();
    assertThat(NumberWords.isNumberWord("ninety")).isTrue();
    assertThat(NumberWords.isNumberWord("hundred")).isTrue();
    assertThat(NumberWords.isNumberWord("42")).isTrue();
    assertThat(NumberWords.isNumberWord("pasta")).isFalse();
    assertThat(NumberWords.isNumberWord("a")).isFalse();
  }

  private static List<String> tokens(String text) {
    return Arrays.asList(text.split(" "));
  }
}
