package dev.hearth.config;

final class Validation {
  private Validation() {}

  static void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ConfigException(key + " is " + value + "; it must be between " + min + " and " + max);
    }
  }
}
