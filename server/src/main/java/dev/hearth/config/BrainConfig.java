package dev.hearth.config;

import java.time.DateTimeException;
import java.time.ZoneId;

/** The answering chain. */
public final class BrainConfig implements ConfigSection {
  @Setting(doc = "Time zone for the time, date and timer skills (an IANA name such as `Europe/Berlin`; `system` uses the machine's).")
  private String timeZone = "system";

  @Setting(doc = "How many earlier events of the conversation the brain sees as context.")
  private int contextEvents = 12;

  @Setting(doc = "What the language model is told before every conversation. The default asks for short spoken answers.")
  private String systemPrompt = DEFAULT_SYSTEM_PROMPT;

  /** Tuned for speech: whatever the model writes is read aloud by MaryTTS. */
  public static final String DEFAULT_SYSTEM_PROMPT = "You are Hearth, a helpful voice assistant in someone's home. "
      + "Your answers are read aloud, so answer in one to three short, plain sentences. Never use markdown, lists, "
      + "emoji, tables or code. Write numbers, units and symbols the way they are spoken, for example "
      + "\"twenty degrees Celsius\" or \"five kilometers\". If you do not know, say so briefly.";

  @Override
  public String prefix() {
    return "brain";
  }

  @Override
  public void validate() {
    zone();
    Validation.range("brain.context_events", contextEvents, 0, 200);
  }

  public ZoneId zone() {
    if (timeZone.equals("system")) return ZoneId.systemDefault();
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new ConfigException("brain.time_zone: unknown time zone '" + timeZone + "'; use a name like Europe/London or 'system'");
    }
  }

  public int contextEvents() { return contextEvents; }
  public String systemPrompt() { return systemPrompt; }
}
