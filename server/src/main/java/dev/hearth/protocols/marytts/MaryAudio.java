package dev.hearth.protocols.marytts;

import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.Wav;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The audio file types of MaryTTS's {@code AUDIO} parameter ({@code WAVE_FILE}, {@code AU}, {@code AIFF_STREAM}, ...):
 * the name before the last {@code _} is a Java Sound file type, written by Java Sound as MaryTTS does. WAVE and AU can
 * also be streamed (their headers can say "length unknown"); AIFF cannot, so it is always sent whole.
 */
enum MaryAudio {
  WAVE(AudioFileFormat.Type.WAVE, "audio/x-wav"),
  AU(AudioFileFormat.Type.AU, "audio/basic"),
  AIFF(AudioFileFormat.Type.AIFF, "audio/x-aiff"),
  AIFC(AudioFileFormat.Type.AIFC, "audio/x-aiff");

  /** The length a streamed AU header gives: all ones, "unknown" in the AU format. */
  private static final int UNKNOWN_LENGTH = 0xFFFFFFFF;

  final AudioFileFormat.Type type;
  final String mimeType;

  MaryAudio(AudioFileFormat.Type type, String mimeType) {
    this.type = type;
    this.mimeType = mimeType;
  }

  /** The type an {@code AUDIO} value names ({@code WAVE_FILE} and {@code WAVE} are both WAVE), if Java Sound writes it. */
  static Optional<MaryAudio> parse(String audio) {
    int underscore = audio.lastIndexOf('_');
    String name = (underscore < 0 ? audio : audio.substring(0, underscore)).toUpperCase(Locale.ROOT);
    for (MaryAudio a : values()) {
      if (a.name().equals(name) && AudioSystem.isFileTypeSupported(a.type)) return Optional.of(a);
    }
    return Optional.empty();
  }

  /** The types this server writes, as {@code /audioformats} lists them. */
  static String list() {
    StringBuilder out = new StringBuilder();
    for (MaryAudio a : values()) if (AudioSystem.isFileTypeSupported(a.type)) out.append(a.name()).append("_FILE\n");
    return out.toString();
  }

  boolean streamable() {
    return this == WAVE || this == AU;
  }

  /** A whole file of 16-bit little-endian PCM in {@code format}. */
  byte[] file(AudioFormat format, byte[] pcm) throws IOException {
    javax.sound.sampled.AudioFormat javaFormat = new javax.sound.sampled.AudioFormat(format.rateHz(), 16, format.channels(), true, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 64);
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), javaFormat, pcm.length / format.frameBytes())) {
      AudioSystem.write(in, type, out);
    }
    return out.toByteArray();
  }

  /** The header of a streamed file whose length is not known yet (WAVE and AU only). */
  byte[] streamHeader(AudioFormat format) {
    if (this == WAVE) return Wav.streamingHeader(format);
    if (this == AU) { // Sun/NeXT: ".snd", header size, data size (~0 = unknown), encoding 3 = 16-bit linear PCM
      ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
      h.putInt(0x2e736e64).putInt(24).putInt(UNKNOWN_LENGTH).putInt(3).putInt(format.rateHz()).putInt(format.channels());
      return h.array();
    }
    throw new IllegalStateException(this + " cannot be streamed");
  }

  /** Samples as the streamed file holds them: little-endian for WAVE, big-endian for AU. */
  byte[] streamSamples(byte[] pcm) {
    if (this == WAVE) return pcm;
    byte[] swapped = new byte[pcm.length - (pcm.length & 1)];
    for (int i = 0; i < swapped.length; i += 2) {
      swapped[i] = pcm[i + 1];
      swapped[i + 1] = pcm[i];
    }
    return swapped;
  }
}
