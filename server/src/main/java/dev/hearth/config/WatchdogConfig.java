package dev.hearth.config;

import dev.hearth.config.Setting.Tier;

/**
 * The watchdog turn: a word synthesized on the speech threads and half a second of silence recognized on the
 * recognition threads, proving both still work. {@code /api/health} says {@code degraded} while it fails, and under
 * systemd it feeds the unit's watchdog only when it succeeds.
 */
public final class WatchdogConfig implements ConfigSection {
  @Setting(doc = "How often the watchdog turn runs by itself, in milliseconds (also whenever `/api/health` is asked); "
      + "under systemd, keep it under half the unit's WatchdogSec.", tier = Tier.RARE)
  private long intervalMillis = 30_000;

  @Setting(doc = "A watchdog turn that has not finished after this many milliseconds failed: speech is wedged.", tier = Tier.RARE)
  private long deadlineMillis = 20_000;

  @Setting(doc = "`/api/health` reuses a watchdog turn this recent (milliseconds), so polling it cannot load the CPU.", tier = Tier.RARE)
  private long reuseMillis = 5_000;

  @Override
  public String prefix() {
    return "watchdog";
  }

  @Override
  public void validate() {
    Validation.range("watchdog.interval_millis", intervalMillis, 1_000, 60_000);
    Validation.range("watchdog.deadline_millis", deadlineMillis, 100, 600_000);
    Validation.range("watchdog.reuse_millis", reuseMillis, 0, 60_000);
  }

  /** Between two watchdog turns that nobody asked for, in milliseconds (at most a minute). */
  public long intervalMillis() { return intervalMillis; }

  /** How long one turn may take before it counts as failed, in milliseconds. */
  public long deadlineMillis() { return deadlineMillis; }

  /** How old a finished turn may be for a health request to report it instead of running another, in milliseconds. */
  public long reuseMillis() { return reuseMillis; }
}
