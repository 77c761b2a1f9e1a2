package dev.hearth.speech;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVMs whose MaryTTS has a second installed voice, {@value #NAME} ({@link SlowVoiceConfig}): the test classpath plus
 * {@code src/test/voices/slt-slow}. MaryTTS finds its voices once per JVM, so the voice is added only there and the
 * other tests keep their single voice. {@link #main} is the server such a JVM runs.
 */
final class SecondVoice {
  static final String NAME = "slt-slow-test";

  private SecondVoice() {}

  /** The command that runs {@code mainClass} with {@code args} in a JVM that has the second voice. */
  static List<String> java(String mainClass, List<String> args) {
    Path voice = Path.of(System.getProperty("hearth.home"), "server", "src", "test", "voices", "slt-slow");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dhearth.home=" + System.getProperty("hearth.home"), "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path") + File.pathSeparator + voice, mainClass));
    command.addAll(args);
    return command;
  }

  /**
   * A real Hearth with the test's settings and its data in {@code args[0]}; writes its ports (HTTP, Wyoming's text to
   * speech, MaryTTS's HTTP) to {@code args[1]} once it is ready, and stops when its standard input ends.
   */
  public static void main(String[] args) throws Exception {
    try (Hearth hearth = TestServers.start(Path.of(args[0]), TestServers.TEXT_ONLY)) { // SecondVoiceTest only speaks
      Path ports = Path.of(args[1]);
      Path partial = Path.of(args[1] + ".part");
      Files.writeString(partial, hearth.port() + " " + hearth.compatPort("wyoming", "tts") + " "
          + hearth.compatPort("marytts", "http"));
      Files.move(partial, ports);
      while (System.in.read() >= 0) {
        // runs until the test closes this pipe, or goes away
      }
    }
    System.exit(0);
  }
}
