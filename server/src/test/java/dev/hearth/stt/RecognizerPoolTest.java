package dev.hearth.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the recognizer pool grows with the streams heard at once (several people speaking each got a cold
 * recognizer, five times slower, on every turn) and gives the memory back once they have been idle.
 */
@Tag("model")
class RecognizerPoolTest {
  private static final long IDLE_MILLIS = 60_000;

  @Test
  void streamsHeardAtOnceLeaveThatManyWarmRecognizersUpToTheMost() throws Exception {
    byte[] pcm = goForward();
    try (VoskSpeechToText stt = keepOneToThree()) {
      List<SpeechToText.Session> sessions = new ArrayList<>();
      for (int i = 0; i < 5; i++) sessions.add(stt.open());
      for (SpeechToText.Session s : sessions) {
        s.accept(pcm);
        assertThat(s.finish()).isEqualTo("go forward ten meters");
        s.close();
      }
      assertThat(stt.idleRecognizers()).as("the two beyond the most are freed").isEqualTo(3);
      try (SpeechToText.Session again = stt.open()) {
        again.accept(pcm);
        assertThat(again.finish()).as("a pooled recognizer hears as a new one").isEqualTo("go forward ten meters");
      }
    }
  }

  @Test
  void recognizersIdleTooLongAreFreedDownToTheKeptOnesLeastRecentlyUsedFirst() throws Exception {
    byte[] pcm = goForward();
    try (VoskSpeechToText stt = keepOneToThree()) {
      List<SpeechToText.Session> sessions = new ArrayList<>();
      for (int i = 0; i < 3; i++) sessions.add(stt.open());
      long[] decoded = new long[3];
      for (int i = 0; i < 3; i++) { // each hears a different length, so each recognizer's life tells it apart
        VoskSession s = (VoskSession) sessions.get(i);
        s.accept(Arrays.copyOf(pcm, pcm.length - i * 3_200));
        s.finish();
        decoded[i] = s.samples();
        s.close();
      }
      long closed = System.nanoTime();
      stt.trim(closed);
      assertThat(stt.idleRecognizers()).as("none idle for long yet").isEqualTo(3);
      stt.trim(closed + TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS) + TimeUnit.SECONDS.toNanos(1));
      assertThat(stt.idleRecognizers()).as("down to the one always kept").isEqualTo(1);
      try (VoskSession kept = (VoskSession) stt.open()) {
        assertThat(kept.samples()).as("the most recently used one is kept (its life: its audio and the restart silence)")
            .isGreaterThan(decoded[2]).isLessThan(decoded[1]);
        kept.accept(pcm);
        assertThat(kept.finish()).isEqualTo("go forward ten meters");
      }
    }
  }

  /** 16 kHz mono: "go forward ten meters". */
  private static byte[] goForward() throws Exception {
    return Wav.read(TestData.audio("ps_goforward.wav")).pcm();
  }

  /** The model with a pool that always keeps one recognizer and up to three while used. */
  private static VoskSpeechToText keepOneToThree() throws SttException {
    return VoskSpeechToText.load(TestData.voskModel(), new VoskSpeechToText.Pool(1, 3, IDLE_MILLIS));
  }

  @Test
  void aPoolMustKeepNoMoreThanItsMost() {
    assertThatThrownBy(() -> new VoskSpeechToText.Pool(3, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VoskSpeechToText.Pool(-1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
