package dev.hearth.speech;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskResult;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One request's recognition with Vosk's full results: 16 kHz audio from an {@link UtteranceAudio} goes into a
 * {@link VoskRecognizer}, and every utterance Vosk ends (at a pause, or at the end) is handed on as a typed
 * {@link VoskResult} as soon as it is known. Its methods run Vosk: call them on the recognition threads, one at a
 * time. Closing frees the recognizer (hands it back to the pool); it may be closed once recognition has stopped.
 */
public final class Listening implements AutoCloseable {
  private final VoskRecognizer recognizer;
  private final int pieceBytes;

  /**
   * @param pieceBytes feed Vosk at most this many bytes at a time (Vosk looks for the end of an utterance after each
   *     piece, so the same pieces give the same utterances); 0 to feed each chunk as it comes
   */
  public Listening(VoskRecognizer recognizer, int pieceBytes) {
    this.recognizer = recognizer;
    this.pieceBytes = pieceBytes;
  }

  /** Recognizes 16 kHz mono audio; passes each utterance Vosk ends in it to {@code ended}, at once. */
  public void recognize(AudioChunk pcm16k, Consumer<VoskResult> ended) throws SttException {
    if (!pcm16k.format().equals(AudioFormat.STT)) {
      throw new IllegalArgumentException("Vosk takes " + AudioFormat.STT + ", not " + pcm16k.format());
    }
    byte[] pcm = pcm16k.pcm();
    int step = pieceBytes > 0 ? pieceBytes : Math.max(1, pcm.length);
    for (int off = 0; off < pcm.length; off += step) {
      byte[] piece = step >= pcm.length ? pcm : Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + step));
      if (recognizer.accept(piece)) ended.accept(VoskResult.parse(recognizer.result()));
    }
  }

  /** Ends the audio: recognizes its tail ({@link UtteranceAudio#end}), then passes on the final utterance (text possibly empty). */
  public void finish(AudioChunk tail, Consumer<VoskResult> ended) throws SttException {
    recognize(tail, ended);
    ended.accept(VoskResult.parse(recognizer.finalResult()));
  }

  @Override
  public void close() {
    recognizer.close();
  }
}
