package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UtteranceTest {

  @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "What is 12 * 7?|what is 12 times 7",
      "what is twelve times seven|what is twelve times seven",
      "What's the time?|what is the time",
      "1,000 + 2.5|1000 plus 2.5",
      "1,234,567 apples|1234567 apples",
      "10-3|10 minus 3",
      "-5 + 2|minus 5 plus 2",
      "twenty-five|twenty five",
      "Set a 5-minute timer.|set a 5 minute timer",
      "5km in miles|5 km in miles",
      "60 km/h in mph|60 kph in mph",
      "10 m/s in km/h|10 mps in kph",
      "20% of 50|20 percent of 50",
      "70°F in C|70 degrees f in c",
      "(2+3)*4|( 2 plus 3 ) times 4",
      "What is today’s date?|what is todays date",
      ".5 * 4|0.5 times 4",
      "Let's start over.|let us start over",
      "2^10|2 to the power of 10",
      "2**10|2 to the power of 10",
      "10 / 4|10 divided by 4",
      "6 × 7 = ?|6 times 7",
      "  lots   of \t space  |lots of space",
      "It's 3.5 kg, right?!|it is 3.5 kg right"})
  void normalizes(String raw, String expected) {
    assertThat(Utterance.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "Hey Hearth, can you tell me the time please?|tell me the time",
      "could you please repeat that|repeat that",
      "okay set a timer for five minutes thank you|set a timer for five minutes",
      "please|please",
      "thank you|thank you",
      "what can you do|what can you do"})
  void stripsPoliteWordsAtTheEnds(String raw, String expected) {
    assertThat(Utterance.of(raw).text()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void splitsIntoTokens() {
    assertThat(Utterance.of("What is 12 * 7?").tokens()).containsExactly("what", "is", "12", "times", "7");
    assertThat(Utterance.of(" ?! ").tokens()).isEmpty();
  }
}
