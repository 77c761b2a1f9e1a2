package dev.hearth.speech;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import java.io.ByteArrayOutputStream;

/**
 * The audio of one utterance on its way to a recognizer: pieces in any accepted format (each piece may have its own)
 * converted to the 16 kHz mono Vosk wants, and the utterance cap ({@code stt.max_utterance_millis}) enforced on what
 * was heard. This is the one place listening converts audio and the one place the cap is checked. Not thread-safe:
 * one per utterance.
 */
public final class UtteranceAudio {
  /** No cap: for whole files, which have their own size limit. */
  public static final long NO_CAP = Long.MAX_VALUE;

  private final long maxMillis;
  private final ByteArrayOutputStream kept;
  private PcmConverter converter;
  private long heardBytes;

  /**
   * @param maxMillis the longest utterance heard, in ms ({@link #NO_CAP} for none)
   * @param keep whether to keep the whole utterance (16 kHz), for a brain that hears
   */
  public UtteranceAudio(long maxMillis, boolean keep) {
    this.maxMillis = maxMillis;
    this.kept = keep ? new ByteArrayOutputStream() : null;
  }

  public UtteranceAudio(long maxMillis) {
    this(maxMillis, false);
  }

  /**
   * Converts the next piece of audio to 16 kHz mono (possibly empty while the resampler fills; a piece in a new format
   * first flushes what the last format left). Throws once the utterance is longer than the cap.
   */
  public AudioChunk hear(AudioFormat format, byte[] pcm, int offset, int length) throws UtteranceTooLong {
    byte[] flushed = new byte[0];
    if (converter != null && !converter.inputFormat().equals(format)) flushed = converter.flush().pcm();
    if (converter == null || !converter.inputFormat().equals(format)) {
      converter = new PcmConverter(format, AudioFormat.STT.rateHz());
    }
    byte[] converted = converter.convert(pcm, offset, length).pcm();
    return count(flushed.length == 0 ? converted : concat(flushed, converted));
  }

  public AudioChunk hear(AudioFormat format, byte[] pcm) throws UtteranceTooLong {
    return hear(format, pcm, 0, pcm.length);
  }

  /** Ends the utterance: the converter's tail (possibly empty). */
  public AudioChunk end() throws UtteranceTooLong {
    if (converter == null) return new AudioChunk(AudioFormat.STT, new byte[0]);
    AudioChunk tail = count(converter.flush().pcm());
    converter = null;
    return tail;
  }

  /** The audio heard so far, in milliseconds. */
  public long heardMillis() {
    return Math.round(AudioFormat.STT.millis(heardBytes));
  }

  /** The whole utterance so far (16 kHz mono), when it is kept; else null. */
  public AudioChunk kept() {
    return kept == null ? null : new AudioChunk(AudioFormat.STT, kept.toByteArray());
  }

  private AudioChunk count(byte[] pcm16k) throws UtteranceTooLong {
    heardBytes += pcm16k.length;
    if (maxMillis != NO_CAP && AudioFormat.STT.millis(heardBytes) > maxMillis) throw new UtteranceTooLong(maxMillis);
    if (kept != null) kept.writeBytes(pcm16k);
    return new AudioChunk(AudioFormat.STT, pcm16k);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
