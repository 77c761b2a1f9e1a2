package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 18: gaps between an answer's chunks are counted as the page would hear them. */
class PlaybackClockTest {
  private static final long MS = 1_000_000;
  /** 24 kHz 16-bit mono: 48 bytes a millisecond. */
  private static final int RATE = 48_000;

  @Test
  void framesThatComeBeforeTheAudioBeforeThemEndsPlayWithoutAGap() {
    PlaybackClock clock = new PlaybackClock();
    clock.begin(RATE);
    clock.frame(0, 48 * 500); // plays 30..530 ms
    clock.frame(400 * MS, 48 * 500); // queued behind it
    clock.frame(1000 * MS, 48 * 100); // 1030 ms: still before the end
    assertThat(clock.underruns()).isZero();
    assertThat(clock.gapMillis()).isZero();
  }

  @Test
  void aFrameAfterTheAudioRanDryIsAnUnderrunAsLongAsItWasLate() {
    PlaybackClock clock = new PlaybackClock();
    clock.begin(RATE);
    clock.frame(0, 48 * 200); // plays 30..230 ms
    clock.frame(330 * MS, 48 * 200); // 100 ms late; plays 360..560
    clock.frame(600 * MS, 48 * 10); // 40 ms late
    assertThat(clock.underruns()).isEqualTo(2);
    assertThat(clock.gapMillis()).isEqualTo(140.0);
  }

  @Test
  void aNewAnswerStartsAfreshAndNothingCountsBeforeAudioStart() {
    PlaybackClock clock = new PlaybackClock();
    clock.frame(0, 48 * 10);
    clock.begin(RATE);
    clock.frame(5_000 * MS, 48 * 10);
    clock.begin(RATE);
    clock.frame(9_000 * MS, 48 * 10);
    assertThat(clock.underruns()).isZero();
  }
}
