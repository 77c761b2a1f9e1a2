package dev.hearth.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VoicesTest {
  private final Voices voices = new Voices(new CountingSpeech());

  @Test
  void noNameIsTheDefaultVoiceAndAnInstalledNameIsItself() throws Exception {
    assertThat(voices.resolve(null)).isEqualTo("v");
    assertThat(voices.resolve("v")).isEqualTo("v");
    assertThat(voices.resolve("w")).isEqualTo("w");
  }

  @Test
  void anUnknownNameIsOneClearErrorNamingTheInstalledVoices() {
    assertThatThrownBy(() -> voices.resolve("x")).isInstanceOf(Voices.UnknownVoice.class)
        .hasMessage("There is no voice 'x'; installed voices: [v, w]");
    assertThatThrownBy(() -> voices.resolve("V")).as("names are exact").isInstanceOf(Voices.UnknownVoice.class);
  }
}
