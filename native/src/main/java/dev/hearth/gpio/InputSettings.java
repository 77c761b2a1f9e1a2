package dev.hearth.gpio;

/**
 * How an input line is requested: active-low (a button wired to ground), with the pull-up bias on, and a debounce
 * period the kernel applies where it can (v2; with v1 the reader must debounce).
 */
public record InputSettings(boolean activeLow, boolean pullUp, int debounceMillis) {
  public InputSettings {
    if (debounceMillis < 0) throw new IllegalArgumentException("debounce must be 0 ms or more, not " + debounceMillis);
  }
}
