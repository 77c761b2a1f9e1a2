package dev.hearth.store;

import dev.hearth.app.TestServers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The server process {@link TurnDoneCrashTest} kills: a real Hearth (Vosk, MaryTTS, SQLite) started from the test
 * classpath with the {@code key=value} settings given as arguments; it runs until killed.
 */
public final class CrashServer {
  public static void main(String[] args) {
    Map<String, String> settings = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      settings.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    TestServers.start(Path.of(settings.get("store.data_dir")), settings);
  }
}
