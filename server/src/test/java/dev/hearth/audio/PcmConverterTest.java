package dev.hearth.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class PcmConverterTest {

  private static byte[] sine(int rateHz, int channels, double freqHz, double seconds, double amplitude) {
    int frames = (int) (rateHz * seconds);
    byte[] pcm = new byte[frames * 2 * channels];
    for (int i = 0; i < frames; i++) {
      short v = (short) Math.round(amplitude * Math.sin(2 * Math.PI * freqHz * i / rateHz));
      for (int c = 0; c < channels; c++) {
        int at = (i * channels + c) * 2;
        pcm[at] = (byte) v;
        pcm[at + 1] = (byte) (v >> 8);
      }
    }
    return pcm;
  }

  private static short[] samples(byte[] pcm) {
    short[] s = new short[pcm.length / 2];
    for (int i = 0; i < s.length; i++) s[i] = (short) ((pcm[2 * i + 1] << 8) | (pcm[2 * i] & 0xff));
    return s;
  }

  private static double rms(short[] s, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) sum += (double) s[i] * s[i];
    return Math.sqrt(sum / (to - from));
  }

  private static byte[] convertAll(PcmConverter c, byte[] pcm, int chunkBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off < pcm.length; off += chunkBytes) {
      out.writeBytes(c.convert(pcm, off, Math.min(chunkBytes, pcm.length - off)).pcm());
    }
    out.writeBytes(c.flush().pcm());
    return out.toByteArray();
  }

  @Test
  void oneSecondAt48kHzBecomesOneSecondAt16kHz() {
    byte[] in = new byte[48_000 * 2]; // 1 s of silence
    byte[] out = convertAll(new PcmConverter(AudioFormat.pcm16(48_000, 1), 16_000), in, 1_920);
    assertThat(out).hasSize(16_000 * 2);
  }

  @Test
  void everySupportedRateGivesTheRightLength() {
    for (int rate : new int[] {8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 48_000, 12_345}) {
      byte[] in = new byte[rate * 2]; // 1 s
      byte[] out = convertAll(new PcmConverter(AudioFormat.pcm16(rate, 1), 16_000), in, 640);
      assertThat(out.length / 2).as("output samples for %d Hz", rate).isBetween(15_999, 16_001);
    }
  }

  @Test
  void sameRateIsBitExact() {
    byte[] in = sine(16_000, 1, 440, 0.5, 10_000);
    byte[] out = convertAll(new PcmConverter(AudioFormat.pcm16(16_000, 1), 16_000), in, 333);
    assertThat(out).isEqualTo(in);
  }

  @Test
  void oddSizedChunksSplittingSamplesGiveTheSameResultAsWholeChunks() {
    byte[] in = sine(44_100, 1, 300, 1, 8_000);
    byte[] whole = convertAll(new PcmConverter(AudioFormat.pcm16(44_100, 1), 16_000), in, in.length);
    byte[] odd = convertAll(new PcmConverter(AudioFormat.pcm16(44_100, 1), 16_000), in, 333);
    byte[] tiny = convertAll(new PcmConverter(AudioFormat.pcm16(44_100, 1), 16_000), in, 1);
    assertThat(odd).isEqualTo(whole);
    assertThat(tiny).isEqualTo(whole);
  }

  @Test
  void passbandToneKeepsItsLevel() {
    byte[] in = sine(48_000, 1, 1_000, 1, 10_000);
    short[] out = samples(convertAll(new PcmConverter(AudioFormat.pcm16(48_000, 1), 16_000), in, 960));
    // a 1 kHz sine of amplitude 10000 has RMS 7071; skip the filter's edges
    assertThat(rms(out, 1_000, 15_000)).isBetween(6_900.0, 7_250.0);
  }

  @Test
  void toneAboveTheNewNyquistIsRemovedNotAliased() {
    byte[] in = sine(48_000, 1, 12_000, 1, 10_000); // 12 kHz cannot exist at 16 kHz
    short[] out = samples(convertAll(new PcmConverter(AudioFormat.pcm16(48_000, 1), 16_000), in, 960));
    assertThat(rms(out, 1_000, 15_000)).isLessThan(100.0);
  }

  @Test
  void upsamplingKeepsATone() {
    byte[] in = sine(8_000, 1, 500, 1, 10_000);
    short[] out = samples(convertAll(new PcmConverter(AudioFormat.pcm16(8_000, 1), 16_000), in, 160));
    assertThat(out).hasSize(16_000);
    assertThat(rms(out, 1_000, 15_000)).isBetween(6_900.0, 7_250.0);
  }

  @Test
  void stereoIsAveragedToMono() {
    byte[] in = new byte[] {(byte) 0xe8, 0x03, (byte) 0xd0, 0x07}; // left 1000, right 2000
    PcmConverter c = new PcmConverter(AudioFormat.pcm16(16_000, 2), 16_000);
    assertThat(samples(c.convert(in).pcm())).containsExactly((short) 1500);
  }

  @Test
  void negativeSamplesDecodeWithTheLowByteMasked() {
    byte[] in = new byte[] {(byte) 0xff, (byte) 0xff, 0x00, (byte) 0x80}; // -1, -32768
    PcmConverter c = new PcmConverter(AudioFormat.pcm16(16_000, 1), 16_000);
    assertThat(samples(c.convert(in).pcm())).containsExactly((short) -1, Short.MIN_VALUE);
  }
}
