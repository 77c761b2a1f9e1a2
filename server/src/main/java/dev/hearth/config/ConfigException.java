package dev.hearth.config;

/** A setting is missing, malformed or impossible; the message names the setting and says what to do. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
