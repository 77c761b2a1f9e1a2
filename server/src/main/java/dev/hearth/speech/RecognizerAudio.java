package dev.hearth.speech;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Audio on its way to a recognizer: pieces in any accepted format (each piece may have its own) converted to the 16 kHz
 * mono Vosk wants. This is the one place listening converts audio. It has no length limit: a whole file (which has its
 * own size limit) or an open-ended stream uses it as it is, and an utterance wraps it in an {@link UtteranceAudio},
 * which adds the cap. Not thread-safe: one per stream or utterance.
 */
public final class RecognizerAudio {
  private final ByteArrayOutputStream kept;
  private PcmConverter converter;
  private long heardBytes;

  /** @param keep whether to keep all the audio (16 kHz), for a brain that hears */
  public RecognizerAudio(boolean keep) {
    this.kept = keep ? new ByteArrayOutputStream() : null;
  }

  public RecognizerAudio() {
    this(false);
  }

  /**
   * Converts the next piece of audio to 16 kHz mono (possibly empty while the resampler fills; a piece in a new format
   * first flushes what the last format left).
   */
  public AudioChunk hear(AudioFormat format, byte[] pcm, int offset, int length) {
    byte[] flushed = new byte[0];
    if (converter != null && !converter.inputFormat().equals(format)) flushed = converter.flush().pcm();
    if (converter == null || !converter.inputFormat().equals(format)) {
      converter = new PcmConverter(format, AudioFormat.STT.rateHz());
    }
    byte[] converted = converter.convert(pcm, offset, length).pcm();
    return count(flushed.length == 0 ? converted : concat(flushed, converted));
  }

  public AudioChunk hear(AudioFormat format, byte[] pcm) {
    return hear(format, pcm, 0, pcm.length);
  }

  /** Ends the audio: the converter's tail (possibly empty); the next piece starts afresh. */
  public AudioChunk end() {
    if (converter == null) return new AudioChunk(AudioFormat.STT, new byte[0]);
    AudioChunk tail = count(converter.flush().pcm());
    converter = null;
    return tail;
  }

  /** The audio heard so far, in milliseconds. */
  public long heardMillis() {
    return Math.round(AudioFormat.STT.millis(heardBytes));
  }

  /** The audio heard so far, converted, in bytes. */
  long heardBytes() {
    return heardBytes;
  }

  /** All the audio so far (16 kHz mono), when it is kept; else null. */
  public AudioChunk kept() {
    return kept == null ? null : new AudioChunk(AudioFormat.STT, kept.toByteArray());
  }

  private AudioChunk count(byte[] pcm16k) {
    heardBytes += pcm16k.length;
    if (kept != null) kept.writeBytes(pcm16k);
    return new AudioChunk(AudioFormat.STT, pcm16k);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
