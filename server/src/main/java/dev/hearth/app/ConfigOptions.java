package dev.hearth.app;

import dev.hearth.config.HearthConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that reads settings shares. */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (default: $HEARTH_CONFIG, else ~/.config/hearth/hearth.properties if present).")
  Path file;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Override one setting, e.g. --set server.port=9000 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  HearthConfig load() {
    return HearthConfig.load(file, System.getenv(), overrides);
  }
}
