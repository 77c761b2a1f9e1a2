package dev.hearth.turn;

import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import dev.hearth.turn.Frame.Sentence;
import dev.hearth.turn.Frame.TtsAudio;

/**
 * Text to speech. Consumes {@code Sentence} and emits {@code TtsAudio} chunks while each sentence is being
 * synthesized; stops mid-sentence once the turn is cancelled. Everything else passes through in order.
 */
public final class TtsStage extends Stage {
  private final TextToSpeech tts;

  public TtsStage(TextToSpeech tts) {
    this.tts = tts;
  }

  @Override
  protected void process(Frame frame, Direction direction) {
    if (direction == Direction.DOWNSTREAM && frame instanceof Sentence s) {
      Turn turn = s.turn();
      try {
        tts.speak(s.text(), turn.voice(), chunk -> push(new TtsAudio(turn, chunk), Direction.DOWNSTREAM), turn::cancelled);
      } catch (TtsException e) {
        turn.cancel();
        pushError(s, "tts_failed", "Could not speak the answer: " + e.getMessage(), e);
      }
    } else {
      push(frame, direction);
    }
  }
}
