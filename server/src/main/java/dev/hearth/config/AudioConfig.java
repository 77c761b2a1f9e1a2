package dev.hearth.config;

/** The machine's own microphone and speaker, used with the GPIO button ({@code gpio.enabled}). */
public final class AudioConfig implements ConfigSection {
  @Setting(doc = "Microphone: a name (or part of one) or index from `hearth audio devices`; empty uses the system's default.")
  private String inputDevice = "";

  @Setting(doc = "Speaker: a name (or part of one) or index from `hearth audio devices`; empty uses the system's default.")
  private String outputDevice = "";

  @Setting(doc = "Rate the microphone is opened at; the pipeline converts it to 16 kHz.", tier = Setting.Tier.RARE)
  private int inputRateHz = 16_000;

  @Setting(doc = "Play a short chirp when the button starts listening (rising) and when it stops (falling).")
  private boolean cues = true;

  @Override
  public String prefix() {
    return "audio";
  }

  @Override
  public void validate() {
    Validation.range("audio.input_rate_hz", inputRateHz, 8_000, 48_000);
  }

  /** The configured microphone, "" for the default. */
  public String inputDevice() { return inputDevice; }

  /** The configured speaker, "" for the default. */
  public String outputDevice() { return outputDevice; }

  public int inputRateHz() { return inputRateHz; }
  public boolean cues() { return cues; }
}
