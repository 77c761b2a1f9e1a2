package dev.hearth.stt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression: a pooled recognizer's word times went on from all the audio it had decoded before (Vosk's reset does
 * not restart its clock), so the second file transcribed with word timings began at 2.8 s instead of 0. Within one
 * stream a {@code reset()} does not restart them, as in vosk-server (see VoskServerTest).
 */
@Tag("model")
class PooledRecognizerClockTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final VoskRecognizer.Options WORDS = new VoskRecognizer.Options(true, 0, Optional.empty());

  @Test
  void wordTimesCountFromTheStartOfEachStreamOnAReusedRecognizer() throws Exception {
    byte[] pcm = Wav.read(TestData.audio("ps_goforward.wav")).pcm(); // 16 kHz mono: "go forward ten meters"
    try (VoskSpeechToText stt = VoskSpeechToText.load(TestData.voskModel(), VoskSpeechToText.Pool.of(1))) {
      double first = firstWordStart(stt, pcm);
      try (SpeechToText.Session session = stt.open()) { // the pool's one recognizer, fed by a voice turn in between
        session.accept(pcm);
        session.finish();
      }
      double again = firstWordStart(stt, pcm);
      assertThat(first).isBetween(0.0, 1.0);
      assertThat(again).isCloseTo(first, Offset.offset(0.05));
    }
  }

  private static double firstWordStart(VoskSpeechToText stt, byte[] pcm) throws Exception {
    try (VoskRecognizer r = stt.recognizer(WORDS)) {
      r.accept(pcm);
      return start(r.finalResult());
    }
  }

  private static double start(String result) throws Exception {
    JsonNode words = JSON.readTree(result).path("result");
    assertThat(words.size()).as(result).isGreaterThan(0);
    return words.get(0).path("start").asDouble();
  }
}
