package dev.hearth.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.TestData;
import dev.hearth.stt.VoskSpeechToText;
import dev.hearth.tts.MaryTextToSpeech;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The watchdog turn on the real MaryTTS and Vosk, each on a pool of its own as in the server. */
class SpeechCheckTest {
  private static MaryTextToSpeech tts;
  private static VoskSpeechToText stt;
  private static final ExecutorService ttsPool = Executors.newSingleThreadExecutor();
  private static final ExecutorService sttPool = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void load() throws Exception {
    tts = MaryTextToSpeech.start("cmu-slt-hsmm", 24_000);
    stt = VoskSpeechToText.load(TestData.voskModel());
  }

  @AfterAll
  static void close() {
    ttsPool.shutdownNow();
    sttPool.shutdownNow();
    tts.close();
    stt.close();
  }

  @Test
  void aWordIsSpokenAndSilenceHeard() throws Exception {
    SpeechCheck check = new SpeechCheck(tts, ttsPool, stt, sttPool);
    check.start().get(60, TimeUnit.SECONDS);
    assertThat(check.part()).as("it got as far as recognition").isEqualTo("stt");
  }

  @Test
  void aRecognizerThatFailsFailsTheTurnInStt() throws Exception {
    VoskSpeechToText closed = VoskSpeechToText.load(TestData.voskModel());
    closed.close();
    SpeechCheck check = new SpeechCheck(tts, ttsPool, closed, sttPool);
    assertThatThrownBy(() -> check.start().get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("recognizing half a second of silence failed: the speech model is closed");
    assertThat(check.part()).isEqualTo("stt");
  }
}
