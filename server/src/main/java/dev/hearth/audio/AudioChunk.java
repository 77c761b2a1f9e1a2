package dev.hearth.audio;

/** A piece of PCM audio that carries its format. The array is not copied: do not change it after handing it on. */
public record AudioChunk(AudioFormat format, byte[] pcm) {

  /** Frames (samples per channel) in this chunk. */
  public int samples() {
    return pcm.length / format.frameBytes();
  }

  /** Duration in milliseconds. */
  public double millis() {
    return format.millis(pcm.length);
  }
}
