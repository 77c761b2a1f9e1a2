package dev.hearth.timer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.store.TimerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimerPhrasesTest {
  private static final long DUE = 1_800_000_000_000L;

  @ParameterizedTest(name = "{0} ms → \"{1}\"")
  @CsvSource({
      "300000, 5 minute timer",
      "60000, 1 minute timer",
      "90000, 90 second timer",
      "45000, 45 second timer",
      "150000, 2 and a half minute timer",
      "3600000, 1 hour timer",
      "5400000, 1 and a half hour timer",
      "4500000, 1 hour 15 minute timer",
      "620000, 10 minute 20 second timer",
      "86400000, 24 hour timer"})
  void describesUnlabelledTimersByLength(long millis, String expected) {
    assertThat(TimerPhrases.describe(timer(null, millis))).isEqualTo(expected);
  }

  @Test
  void describesLabelledTimersByLabel() {
    assertThat(TimerPhrases.describe(timer("pasta", 300_000))).isEqualTo("pasta timer");
    assertThat(TimerPhrases.describe(timer("egg timer", 300_000))).isEqualTo("egg timer");
    assertThat(TimerPhrases.describe(timer(" ", 300_000))).isEqualTo("5 minute timer");
  }

  @ParameterizedTest(name = "{0} / {1} ms → \"{2}\"")
  @CsvSource({
      ", 300000, a 5 minute timer",
      ", 480000, an 8 minute timer",
      ", 660000, an 11 minute timer",
      ", 1080000, an 18 minute timer",
      ", 80000, an 80 second timer",
      ", 1200000, a 20 minute timer",
      "egg, 300000, an egg timer",
      "pasta, 300000, a pasta timer"})
  void choosesTheArticleByHowTheNameIsSpoken(String label, long millis, String expected) {
    assertThat(TimerPhrases.withArticle(timer(label, millis))).isEqualTo(expected);
  }

  @Test
  void announcesATimerThatFiresOnTime() {
    assertThat(TimerPhrases.announcement(timer(null, 300_000), DUE)).isEqualTo("Your 5 minute timer is done.");
    assertThat(TimerPhrases.announcement(timer("pasta", 300_000), DUE + 30_000)).isEqualTo("Your pasta timer is done.");
    assertThat(TimerPhrases.announcement(timer(null, 300_000), DUE + 60_000)).isEqualTo("Your 5 minute timer is done.");
  }

  @Test
  void announcesATimerMissedWhileOffline() {
    assertThat(TimerPhrases.announcement(timer(null, 300_000), DUE + 60_001))
        .isEqualTo("Your 5 minute timer went off 1 minute ago, while I was offline.");
    assertThat(TimerPhrases.announcement(timer(null, 300_000), DUE + 180_000))
        .isEqualTo("Your 5 minute timer went off 3 minutes ago, while I was offline.");
    assertThat(TimerPhrases.announcement(timer("pasta", 300_000), DUE + 7_500_000))
        .isEqualTo("Your pasta timer went off 2 hours 5 minutes ago, while I was offline.");
    assertThat(TimerPhrases.announcement(timer("pasta", 300_000), DUE + 3 * 86_400_000L))
        .isEqualTo("Your pasta timer went off 3 days ago, while I was offline.");
  }

  @ParameterizedTest(name = "{0} ms → \"{1}\"")
  @CsvSource({
      "0, 0 seconds", "1000, 1 second", "600000, 10 minutes", "90000, 1 minute 30 seconds",
      "3600000, 1 hour", "5400000, 1 hour 30 minutes", "7261000, 2 hours 1 minute 1 second"})
  void spellsDurations(long millis, String expected) {
    assertThat(TimerPhrases.duration(millis)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ms left → \"{1}\"")
  @CsvSource({
      "252000, 4 minutes 12 seconds", "251500, 4 minutes 12 seconds", "30000, 30 seconds", "60000, 1 minute",
      "3552000, 59 minutes", "4800000, 1 hour 20 minutes", "3590000, 1 hour", "0, less than a second"})
  void spellsTimeLeft(long millis, String expected) {
    assertThat(TimerPhrases.remaining(millis)).isEqualTo(expected);
  }

  private static TimerInfo timer(String label, long millis) {
    return new TimerInfo("t1", "c1", label, millis, DUE - millis, DUE, TimerInfo.State.PENDING);
  }
}
