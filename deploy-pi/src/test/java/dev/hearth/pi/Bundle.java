package dev.hearth.pi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The built hearth-pi.tar.gz ({@code -Dhearth.pi.bundle}), unpacked once per test run with the system's tar. */
final class Bundle {
  private static Path unpacked;

  private Bundle() {}

  static Path tarball() {
    Path file = Path.of(System.getProperty("hearth.pi.bundle", "target/hearth-pi.tar.gz"));
    if (!Files.isRegularFile(file)) throw new IllegalStateException(file + " is missing; build it with mvn -Ppi package");
    return file;
  }

  /** The bundle's top folder, {@code hearth-pi/}, as a user gets it from {@code tar -xzf}. */
  static synchronized Path unpacked() throws IOException, InterruptedException {
    if (unpacked == null) {
      Path dir = Files.createTempDirectory("hearth-pi-bundle");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      Shell.ok("tar", "-xzf", tarball().toString(), "-C", dir.toString());
      unpacked = dir.resolve("hearth-pi");
    }
    return unpacked;
  }

  static void deleteTree(Path dir) {
    try {
      Shell.run("rm", "-rf", "--one-file-system", dir.toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
