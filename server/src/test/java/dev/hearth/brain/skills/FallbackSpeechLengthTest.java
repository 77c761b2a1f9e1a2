package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioChunk;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Refusal;
import dev.hearth.tts.MaryTextToSpeech;
import dev.hearth.tts.TextToSpeech;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: when nothing could answer, Hearth spoke a 13-second apology. Every fallback sentence, spoken by the real
 * MaryTTS voice Hearth answers with, now lasts at most about three seconds; the longer explanation is the reply's
 * detail, for the page.
 */
class FallbackSpeechLengthTest {
  private static final double MOST_SECONDS = 3.2;

  @Test
  void everyFallbackSentenceIsSpokenInAboutThreeSeconds() throws Exception {
    List<String> spoken = new ArrayList<>();
    BrainRequest question = new BrainRequest("who wrote hamlet", "c1", List.of(), ZonedDateTime.now());
    spoken.add(new OfflineFallback(false).respond(question, d -> { }).orElseThrow().text());
    spoken.add(new OfflineFallback(true).respond(question, d -> { }).orElseThrow().text());
    spoken.add(OfflineFallback.nothingHeard().text());
    for (Refusal refusal : List.of(new Refusal(Refusal.BUDGET_EXCEEDED, "Today's budget is used up.", 36_000),
        new Refusal(Refusal.RATE_LIMITED, "Too many requests.", 30),
        new Refusal(Refusal.RATE_LIMITED, "Too many requests.", 600))) {
      spoken.add(new OfflineFallback(true).respond(question.withRefusal(refusal), d -> { }).orElseThrow().text());
    }
    try (TextToSpeech tts = MaryTextToSpeech.start("cmu-slt-hsmm", 16_000)) {
      for (String text : spoken) {
        assertThat(seconds(tts, text)).as("\"%s\" spoken", text).isLessThanOrEqualTo(MOST_SECONDS);
      }
    }
  }

  private static double seconds(TextToSpeech tts, String text) throws Exception {
    long bytes = 0;
    try (TextToSpeech.Synthesis speech = tts.synthesize(text, tts.defaultVoice())) {
      for (AudioChunk chunk = speech.next(); chunk != null; chunk = speech.next()) bytes += chunk.pcm().length;
    }
    return bytes / 2.0 / tts.outputFormat().rateHz();
  }
}
