package dev.hearth.config;

import dev.hearth.config.Setting.Tier;
import java.nio.file.Path;

/** Where Hearth keeps its history and timers. */
public final class StoreConfig implements ConfigSection {
  @Setting(doc = "Data folder; the history is `hearth.db` inside it.", tier = Tier.ESSENTIAL)
  private Path dataDir = defaultDataDir();

  @Override
  public String prefix() {
    return "store";
  }

  @Override
  public void validate() {
    if (dataDir.toString().isBlank()) throw new ConfigException("store.data_dir is empty");
  }

  public Path dataDir() { return dataDir; }

  public Path databaseFile() {
    return dataDir.resolve("hearth.db");
  }

  private static Path defaultDataDir() {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("hearth");
  }
}
