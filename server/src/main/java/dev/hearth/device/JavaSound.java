package dev.hearth.device;

import dev.hearth.audio.AudioFormat;

/** Conversions between Hearth's PCM description and Java Sound's. */
final class JavaSound {
  private JavaSound() {}

  /** Signed little-endian 16-bit PCM, as Hearth uses everywhere. */
  static javax.sound.sampled.AudioFormat format(AudioFormat f) {
    return new javax.sound.sampled.AudioFormat(f.rateHz(), f.widthBytes() * 8, f.channels(), true, false);
  }
}
