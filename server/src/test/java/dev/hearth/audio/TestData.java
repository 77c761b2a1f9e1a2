package dev.hearth.audio;

import java.nio.file.Path;

/** Where the checked-in test recordings live (testdata/ at the repository root). */
public final class TestData {
  private TestData() {}

  public static Path home() {
    return Path.of(System.getProperty("hearth.home", "..")).toAbsolutePath().normalize();
  }

  public static Path audio(String file) {
    return home().resolve("testdata/audio").resolve(file);
  }

  public static Path voskModel() {
    return home().resolve("models/vosk-model-small-en-us-0.15");
  }
}
