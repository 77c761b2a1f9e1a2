package dev.hearth.speech;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;

/**
 * The audio of one utterance on its way to a recognizer: {@link RecognizerAudio}'s conversion, with the utterance cap
 * ({@code stt.max_utterance_millis}) enforced on what was heard. This is the one place the cap is checked. Not
 * thread-safe: one per utterance.
 */
public final class UtteranceAudio {
  private final long maxMillis;
  private final RecognizerAudio audio;

  /**
   * @param maxMillis the longest utterance heard, in ms
   * @param keep whether to keep the whole utterance (16 kHz), for a brain that hears
   */
  public UtteranceAudio(long maxMillis, boolean keep) {
    this.maxMillis = maxMillis;
    this.audio = new RecognizerAudio(keep);
  }

  public UtteranceAudio(long maxMillis) {
    this(maxMillis, false);
  }

  /** {@link RecognizerAudio#hear}; throws once the utterance is longer than the cap. */
  public AudioChunk hear(AudioFormat format, byte[] pcm, int offset, int length) throws UtteranceTooLong {
    return capped(audio.hear(format, pcm, offset, length));
  }

  public AudioChunk hear(AudioFormat format, byte[] pcm) throws UtteranceTooLong {
    return hear(format, pcm, 0, pcm.length);
  }

  /** Ends the utterance: the converter's tail (possibly empty). */
  public AudioChunk end() throws UtteranceTooLong {
    return capped(audio.end());
  }

  /** The audio heard so far, in milliseconds. */
  public long heardMillis() {
    return audio.heardMillis();
  }

  /** The whole utterance so far (16 kHz mono), when it is kept; else null. */
  public AudioChunk kept() {
    return audio.kept();
  }

  private AudioChunk capped(AudioChunk converted) throws UtteranceTooLong {
    if (AudioFormat.STT.millis(audio.heardBytes()) > maxMillis) throw new UtteranceTooLong(maxMillis);
    return converted;
  }
}
