package dev.hearth.config;

import java.time.DateTimeException;
import java.time.ZoneId;

/** The answering chain. */
public final class BrainConfig implements ConfigSection {
  @Setting(doc = "Time zone for the time, date and timer skills (an IANA name such as `Europe/Berlin`; `system` uses the machine's).")
  private String timeZone = "system";

  @Setting(doc = "How many earlier events of the conversation the brain sees as context.")
  private int contextEvents = 12;

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
}
