package dev.hearth.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.AudioFormat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which rate the microphone opens at (audio.input_rate_hz=0: the device's own), over hand-written Java Sound lines. */
class MicrophoneTest {
  @Test
  void aMicrophoneThatTakes16kHzIsOpenedThere() throws Exception {
    FakeLines.Microphone line = new FakeLines.Microphone(new byte[0]);
    try (Microphone mic = Microphone.atDeviceRate(line, "fake mic")) {
      assertThat(mic.open()).isEqualTo(AudioFormat.pcm16(16_000, 1));
      assertThat(line.ratesTried).containsExactly(16_000f);
    }
  }

  /** A USB microphone that captures at 48 kHz only could not be opened at the old fixed default of 16 kHz. */
  @Test
  void a48kHzOnlyMicrophoneIsOpenedAtItsRateAndHands20msChunks() throws Exception {
    FakeLines.Microphone line = new FakeLines.Microphone(new byte[48_000 * 2]); // 1 s
    line.onlyRateHz = 48_000;
    try (Microphone mic = Microphone.atDeviceRate(line, "hw:CARD=Device")) {
      assertThat(mic.open()).isEqualTo(AudioFormat.pcm16(48_000, 1));
      assertThat(line.ratesTried).containsExactly(16_000f, 48_000f); // ALSA's lines name no rate: tried in order
      List<byte[]> chunks = new CopyOnWriteArrayList<>();
      mic.start(chunks::add);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!line.exhausted() && System.nanoTime() < deadline) Thread.sleep(5);
      mic.stop();
      assertThat(chunks).hasSize(50).allMatch(c -> c.length == 48_000 * 2 / 50);
    }
  }

  @Test
  void aLineThatNamesItsRateIsOpenedAtItDirectly() throws Exception {
    FakeLines.Microphone line = new FakeLines.Microphone(new byte[0]);
    line.onlyRateHz = 44_100;
    line.listsItsRate = true;
    try (Microphone mic = Microphone.atDeviceRate(line, "fake mic")) {
      assertThat(mic.open().rateHz()).isEqualTo(44_100);
      assertThat(line.ratesTried).containsExactly(44_100f);
    }
  }

  @Test
  void aFixedRateIsOpenedExactlyAndItsFailureSaysHowToFindOne() {
    FakeLines.Microphone line = new FakeLines.Microphone(new byte[0]);
    line.onlyRateHz = 48_000;
    Microphone mic = new Microphone(line, "hw:CARD=Device", AudioFormat.pcm16(16_000, 1));
    assertThatThrownBy(mic::open).isInstanceOf(AudioDeviceException.class)
        .hasMessage("cannot open the microphone hw:CARD=Device at 16000 Hz (Invalid argument: 16000 Hz is not supported); "
            + "is it in use, or the wrong device? `arecord -l` lists them, and audio.input_device chooses one "
            + "(audio.input_rate_hz=0 finds a rate it takes)");
    assertThat(line.ratesTried).containsExactly(16_000f);
  }

  @Test
  void aBusyDeviceIsOneErrorNamingTheRatesTried() {
    FakeLines.Microphone line = new FakeLines.Microphone(new byte[0]);
    line.busy = true;
    Microphone mic = Microphone.atDeviceRate(line, "hw:CARD=Device");
    assertThatThrownBy(mic::open).isInstanceOf(AudioDeviceException.class)
        .hasMessage("cannot open the microphone hw:CARD=Device at any rate tried (16000, 48000, 44100, 32000, 22050, 8000 Hz;"
            + " at 16000 Hz: Device or resource busy); is it in use, or the wrong device? `arecord -l` lists them, and"
            + " audio.input_device chooses one");
    assertThat(line.isOpen()).isFalse();
  }
}
