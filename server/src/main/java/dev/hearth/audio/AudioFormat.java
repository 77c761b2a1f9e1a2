package dev.hearth.audio;

/** The shape of PCM audio: little-endian signed samples, interleaved when there is more than one channel. */
public record AudioFormat(int rateHz, int widthBytes, int channels) {

  /** What Vosk wants: 16 kHz, 16-bit, mono. */
  public static final AudioFormat STT = new AudioFormat(16_000, 2, 1);

  public AudioFormat {
    if (rateHz <= 0) throw new IllegalArgumentException("rateHz must be positive: " + rateHz);
    if (widthBytes != 2) throw new IllegalArgumentException("only 16-bit PCM is supported, got " + widthBytes * 8 + "-bit");
    if (channels < 1 || channels > 2) throw new IllegalArgumentException("channels must be 1 or 2: " + channels);
  }

  public static AudioFormat pcm16(int rateHz, int channels) {
    return new AudioFormat(rateHz, 2, channels);
  }

  /** Bytes in one frame (one sample of every channel). */
  public int frameBytes() {
    return widthBytes * channels;
  }

  /** Bytes in one second. */
  public int bytesPerSecond() {
    return rateHz * frameBytes();
  }

  /** Duration of {@code bytes} of audio in milliseconds. */
  public double millis(long bytes) {
    return bytes * 1000.0 / bytesPerSecond();
  }
}
