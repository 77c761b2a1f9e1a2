package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationWordsTest {

  @ParameterizedTest(name = "\"{0}\" = {1} ms in {2} tokens")
  @CsvSource({
      "five minutes, 300000, 2",
      "five minute, 300000, 2",
      "one hour and thirty minutes, 5400000, 5",
      "one hour thirty minutes, 5400000, 4",
      "ninety seconds, 90000, 2",
      "two and a half minutes, 150000, 5",
      "an hour, 3600000, 2",
      "a minute, 60000, 2",
      "half an hour, 1800000, 3",
      "half a minute, 30000, 3",
      "half hour, 1800000, 2",
      "a half hour, 1800000, 3",
      "a minute and a half, 90000, 5",
      "an hour and a half, 5400000, 5",
      "one and a half hours, 5400000, 5",
      "a quarter of an hour, 900000, 5",
      "quarter of an hour, 900000, 4",
      "three quarters of an hour, 2700000, 5",
      "two minutes thirty, 150000, 3",
      "one hour and thirty, 5400000, 4",
      "1 hour 30 min, 5400000, 4",
      "10 s, 10000, 2",
      "2.5 minutes, 150000, 2",
      "two hours five minutes and ten seconds, 7510000, 7",
      "zero minutes, 0, 2",
      "five minutes for pasta, 300000, 2",
      "ten minutes and call it pasta, 600000, 2",
      "thirty seconds and five, 30000, 2",
      "one hour and thirty seconds, 3630000, 5"})
  void readsDurations(String text, long millis, int tokens) {
    assertThat(DurationWords.parse(tokens(text), 0)).contains(new DurationWords.Match(millis, tokens));
  }

  @ParameterizedTest(name = "\"{0}\" is not a duration")
  @ValueSource(strings = {"five", "pasta", "a", "minutes", "the five minutes", "half", "a quarter", "for five minutes"})
  void findsNoDuration(String text) {
    assertThat(DurationWords.parse(tokens(text), 0)).isEmpty();
  }

  @Test
  void readsFromAnOffsetAndNotPastTheEnd() {
    List<String> tokens = tokens("set a timer for five minutes");
    assertThat(DurationWords.parse(tokens, 4)).contains(new DurationWords.Match(300_000, 2));
    assertThat(DurationWords.parse(tokens, 6)).isEmpty();
  }

  private static List<String> tokens(String text) {
    return Arrays.asList(text.split(" "));
  }
}
