package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.bench.WordErrorRate.Counts;
import org.junit.jupiter.api.Test;

class WordErrorRateTest {

  @Test
  void identicalTextHasNoErrors() {
    Counts c = WordErrorRate.count("go forward ten meters", "go forward ten meters");

    assertThat(c).isEqualTo(new Counts(0, 0, 0, 4));
    assertThat(c.rate()).isEqualTo(0.0);
  }

  @Test
  void substitution() {
    assertThat(WordErrorRate.count("ten of clubs", "ten of cubs")).isEqualTo(new Counts(1, 0, 0, 3));
  }

  @Test
  void deletion() {
    assertThat(WordErrorRate.count("go forward ten meters", "go ten meters")).isEqualTo(new Counts(0, 1, 0, 4));
  }

  @Test
  void insertion() {
    Counts c = WordErrorRate.count("one two three", "one two two three");

    assertThat(c).isEqualTo(new Counts(0, 0, 1, 3));
    assertThat(c.rate()).isEqualTo(1.0 / 3);
  }

  @Test
  void mixedEditsTakeTheCheapestAlignment() {
    // cat→bat (S), "on" dropped (D), "today" added (I): 3 edits, where aligning word by word would take 4
    Counts c = WordErrorRate.count("the cat sat on the mat", "the bat sat the mat today");

    assertThat(c).isEqualTo(new Counts(1, 1, 1, 6));
    assertThat(c.errors()).isEqualTo(3);
  }

  @Test
  void emptyHypothesisDeletesEveryWord() {
    Counts c = WordErrorRate.count("he was not an ill disposed young man", "");

    assertThat(c).isEqualTo(new Counts(0, 8, 0, 8));
    assertThat(c.rate()).isEqualTo(1.0);
  }

  @Test
  void emptyReferenceHasNoRate() {
    Counts c = WordErrorRate.count("", "hello there");

    assertThat(c).isEqualTo(new Counts(0, 0, 2, 0));
    assertThat(c.rate()).isNull();
  }

  @Test
  void rateCanExceedOne() {
    assertThat(WordErrorRate.count("yes", "no no no").rate()).isEqualTo(3.0);
  }

  @Test
  void normalizationIgnoresCaseAndPunctuationButKeepsApostrophes() {
    assertThat(WordErrorRate.normalize("What's the  Weather, like?!")).containsExactly("what", "is", "the", "weather", "like");
    assertThat(WordErrorRate.normalize("It\u2019s \"fine\".")).containsExactly("it", "is", "fine");
    assertThat(WordErrorRate.normalize("well-known")).containsExactly("well", "known");
    assertThat(WordErrorRate.normalize("  ...  ")).isEmpty();
    assertThat(WordErrorRate.normalize(null)).isEmpty();
    assertThat(WordErrorRate.count("What's the weather like", "what's the weather like?").errors()).isZero();
  }

  @Test
  void titlesAndContractionsAreSpelledOutOnBothSides() {
    assertThat(WordErrorRate.count("mister quilter and we are glad", "mr quilter and we're glad").errors()).isZero();
    assertThat(WordErrorRate.normalize("I won't, you can't, they'd")).containsExactly("i", "will", "not", "you", "can", "not", "they", "would");
    assertThat(WordErrorRate.count("he was not an ill disposed", "he was not a nail disposed").errors()).isEqualTo(2);
  }

  @Test
  void countsAddUpAcrossTurns() {
    Counts sum = new Counts(1, 0, 0, 3).plus(new Counts(0, 2, 1, 7));

    assertThat(sum).isEqualTo(new Counts(1, 2, 1, 10));
    assertThat(sum.rate()).isEqualTo(0.4);
  }
}
