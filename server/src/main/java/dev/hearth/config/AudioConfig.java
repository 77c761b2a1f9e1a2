package dev.hearth.config;

import dev.hearth.speech.InputFormats;

/** The machine's own microphone and speaker, used with the GPIO button ({@code gpio.enabled}). */
public final class AudioConfig implements ConfigSection {
  @Setting(doc = "Microphone: a name (or part of one) or index from `hearth audio devices`; empty uses the system's default.")
  private String inputDevice = "";

  @Setting(doc = "Speaker: a name (or part of one) or index from `hearth audio devices`; empty uses the system's default.")
  private String outputDevice = "";

  @Setting(doc = "Rate the microphone is opened at; 0 = the device's own: 16000 when it takes that, else a rate it takes (48000 for many USB microphones). The pipeline converts it to 16 kHz.", tier = Setting.Tier.RARE)
  private int inputRateHz = 0;

  @Setting(doc = "Play a short chirp when the button starts listening (rising) and when it stops (falling), and a double beep when a long press starts a new conversation.")
  private boolean cues = true;

  @Override
  public String prefix() {
    return "audio";
  }

  @Override
  public void validate() {
    if (inputRateHz != 0 && (inputRateHz < InputFormats.MIN_RATE_HZ || inputRateHz > InputFormats.MAX_RATE_HZ)) {
      throw new ConfigException("audio.input_rate_hz is " + inputRateHz + "; it must be 0 (the device's own rate) or between "
          + InputFormats.MIN_RATE_HZ + " and " + InputFormats.MAX_RATE_HZ);
    }
  }

  /** The configured microphone, "" for the default. */
  public String inputDevice() { return inputDevice; }

  /** The configured speaker, "" for the default. */
  public String outputDevice() { return outputDevice; }

  /** The microphone's rate, 0 for the device's own. */
  public int inputRateHz() { return inputRateHz; }
  public boolean cues() { return cues; }
}
