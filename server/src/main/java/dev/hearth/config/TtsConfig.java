package dev.hearth.config;

import dev.hearth.config.Setting.Tier;

/** Text to speech (MaryTTS). */
public final class TtsConfig implements ConfigSection {
  @Setting(doc = "Voice used when a turn names none (see `GET /api/voices`).", tier = Tier.ESSENTIAL)
  private String voice = "cmu-slt-hsmm";

  @Setting(doc = "Sample rate of the speech sent to clients, in Hz (16-bit mono PCM).")
  private int sampleRateHz = 24_000;

  @Setting(doc = "How far synthesis may run ahead of the client's playback, in milliseconds; the rest is made as it is heard.", tier = Tier.RARE)
  private long leadMillis = 1_500;

  @Setting(doc = "Platform threads that synthesize speech (shared by all sockets).", tier = Tier.RARE)
  private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

  @Override
  public String prefix() {
    return "tts";
  }

  @Override
  public void validate() {
    Validation.range("tts.sample_rate_hz", sampleRateHz, 8_000, 48_000);
    Validation.range("tts.threads", threads, 1, 64);
    Validation.range("tts.lead_millis", leadMillis, 200, 600_000);
  }

  public String voice() { return voice; }
  public int sampleRateHz() { return sampleRateHz; }
  public int threads() { return threads; }
  public long leadMillis() { return leadMillis; }
}
