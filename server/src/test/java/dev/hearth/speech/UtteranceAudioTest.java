package dev.hearth.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.AudioFormat;
import org.junit.jupiter.api.Test;

class UtteranceAudioTest {
  private static final AudioFormat MONO_48K = AudioFormat.pcm16(48_000, 1);
  private static final AudioFormat STEREO_8K = AudioFormat.pcm16(8_000, 2);

  @Test
  void piecesInAnyFormatBecomeSixteenKilohertzMonoAndAreCounted() {
    RecognizerAudio audio = new RecognizerAudio(true);
    long out = audio.hear(MONO_48K, new byte[MONO_48K.bytesPerSecond()]).pcm().length; // 1 s
    out += audio.hear(STEREO_8K, new byte[STEREO_8K.bytesPerSecond() / 2]).pcm().length; // 0.5 s, a new format
    out += audio.end().pcm().length;
    assertThat(out).as("1.5 s at 16 kHz mono, give or take the resampler's edges")
        .isBetween(AudioFormat.STT.bytesPerSecond() * 3L / 2 - 200, AudioFormat.STT.bytesPerSecond() * 3L / 2 + 200);
    assertThat(audio.heardMillis()).isEqualTo(Math.round(AudioFormat.STT.millis(out)));
    assertThat(audio.kept().pcm()).hasSize((int) out);
    assertThat(new RecognizerAudio().kept()).as("kept only when asked").isNull();
  }

  @Test
  void anUtteranceOverTheCapIsRefusedAndOneWithinItIsNot() throws Exception {
    UtteranceAudio audio = new UtteranceAudio(1_000);
    audio.hear(AudioFormat.STT, new byte[AudioFormat.STT.bytesPerSecond() * 9 / 10]);
    assertThatThrownBy(() -> audio.hear(AudioFormat.STT, new byte[AudioFormat.STT.bytesPerSecond() / 5]))
        .isInstanceOf(UtteranceTooLong.class);

    UtteranceAudio within = new UtteranceAudio(1_000);
    within.hear(MONO_48K, new byte[MONO_48K.bytesPerSecond()]);
    assertThat(within.end().pcm().length).as("a full second is not over a one-second cap").isGreaterThanOrEqualTo(0);
  }

  @Test
  void audioWithoutACapTakesAnyLength() {
    RecognizerAudio stream = new RecognizerAudio();
    for (int i = 0; i < 120; i++) stream.hear(AudioFormat.STT, new byte[AudioFormat.STT.bytesPerSecond()]);
    assertThat(stream.heardMillis()).isEqualTo(120_000);
  }
}
