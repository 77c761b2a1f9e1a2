package dev.hearth.config;

/** One capability's settings: a prefix for its keys and a check run once at start-up. */
public interface ConfigSection {

  /** Key prefix, e.g. "stt". */
  String prefix();

  /** Throws {@link ConfigException} for impossible values; logs a WARN and clamps unwise ones. */
  void validate();
}
