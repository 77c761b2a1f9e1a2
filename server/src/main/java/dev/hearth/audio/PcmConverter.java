package dev.hearth.audio;

/**
 * Converts a stream of 16-bit PCM chunks of one format into 16-bit mono PCM at another rate. This is the one
 * place Hearth changes sample rates: the STT stage uses it on the way in and the TTS on the way out.
 *
 * <p>Chunks may be of any size, including odd byte counts that split a sample; the remainder is carried into
 * the next chunk. Stereo is averaged to mono. Not thread-safe: one instance per stream.
 */
public final class PcmConverter {
  private final AudioFormat in;
  private final AudioFormat out;
  private final Resampler resampler; // null when the rates match
  private final byte[] carry;
  private int carryLen;
  private float[] scratch = new float[0];

  public PcmConverter(AudioFormat in, int outRateHz) {
    this.in = in;
    this.out = AudioFormat.pcm16(outRateHz, 1);
    this.resampler = in.rateHz() == outRateHz ? null : new Resampler(in.rateHz(), outRateHz);
    this.carry = new byte[in.frameBytes()];
  }

  public AudioFormat inputFormat() {
    return in;
  }

  public AudioFormat outputFormat() {
    return out;
  }

  /** Converts the next piece of the stream; may return an empty chunk while the resampler fills. */
  public AudioChunk convert(byte[] pcm, int offset, int length) {
    byte[] data = pcm;
    int start = offset;
    int total = length;
    if (carryLen > 0) { // a frame split across chunks: join its first bytes with this chunk
      data = new byte[carryLen + length];
      System.arraycopy(carry, 0, data, 0, carryLen);
      System.arraycopy(pcm, offset, data, carryLen, length);
      start = 0;
      total = data.length;
    }
    int frameBytes = in.frameBytes();
    int channels = in.channels();
    int frames = total / frameBytes;
    ensureScratch(frames);
    int src = start;
    for (int f = 0; f < frames; f++) {
      float sum = 0;
      for (int c = 0; c < channels; c++, src += 2) {
        sum += (short) ((data[src + 1] << 8) | (data[src] & 0xff));
      }
      scratch[f] = sum / channels;
    }
    carryLen = total - frames * frameBytes;
    System.arraycopy(data, src, carry, 0, carryLen);
    return toPcm(resampler == null ? java.util.Arrays.copyOf(scratch, frames) : resampler.process(scratch, frames));
  }

  public AudioChunk convert(byte[] pcm) {
    return convert(pcm, 0, pcm.length);
  }

  /** Ends the stream: returns the resampler's tail. A trailing partial sample is dropped. */
  public AudioChunk flush() {
    carryLen = 0;
    return toPcm(resampler == null ? new float[0] : resampler.flush());
  }

  private void ensureScratch(int n) {
    if (scratch.length < n) scratch = new float[n];
  }

  private AudioChunk toPcm(float[] samples) {
    byte[] bytes = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      int v = Math.round(samples[i]);
      v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
      bytes[2 * i] = (byte) v;
      bytes[2 * i + 1] = (byte) (v >> 8);
    }
    return new AudioChunk(out, bytes);
  }
}
