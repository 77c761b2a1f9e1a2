package dev.hearth.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version the build wrote into {@code version.properties} (from pom.xml). */
final class Version {
  private Version() {}

  /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the build wrote none. */
  static String fromBuild() {
    Properties p = new Properties();
    try (InputStream in = Hearth.class.getResourceAsStream("version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
