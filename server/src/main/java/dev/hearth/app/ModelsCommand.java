package dev.hearth.app;

import dev.hearth.config.HearthConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the installed speech models and voices, and which are active.")
final class ModelsCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions options;

  @Option(names = "--verify", description = "Check every file of the models against models/<name>.sha256 where present.")
  boolean verify;

  @Override
  public Integer call() throws Exception {
    HearthConfig config = options.load();
    Path active = config.stt().modelDir().toAbsolutePath().normalize();
    List<Path> models = new ArrayList<>();
    Path modelsDir = HearthConfig.home().resolve("models");
    if (Files.isDirectory(modelsDir)) {
      try (Stream<Path> dirs = Files.list(modelsDir)) {
        dirs.filter(d -> Files.isRegularFile(d.resolve("am/final.mdl"))).sorted().forEach(models::add);
      }
    }
    if (!models.contains(active)) models.add(active);
    int problems = 0;
    System.out.println("Speech to text (Vosk), setting stt.model_dir:");
    for (Path m : models) {
      boolean isActive = m.equals(active);
      String state;
      if (!Files.isRegularFile(m.resolve("am/final.mdl"))) {
        state = "MISSING";
        if (isActive) problems++;
      } else {
        state = String.format("%.0f MB", size(m) / 1e6);
        if (verify) {
          String result = verify(m, modelsDir.resolve(m.getFileName() + ".sha256"));
          if (!result.startsWith("ok") && !result.startsWith("no checksum")) problems++;
          state += ", " + result;
        }
      }
      System.out.printf("  %s %-36s %s  (%s)%n", isActive ? "*" : " ", m.getFileName(), m, state);
    }
    System.out.println("Text to speech (MaryTTS 5.2.1), setting tts.voice:");
    for (Map.Entry<String, String> v : voices().entrySet()) {
      System.out.printf("  %s %-36s %s%n", v.getKey().equals(config.tts().voice()) ? "*" : " ", v.getKey(), v.getValue());
    }
    System.out.println("(* = active)");
    return problems == 0 ? 0 : 1;
  }

  /** Voices registered on the classpath (MaryTTS voice jars), without starting MaryTTS. */
  private static Map<String, String> voices() {
    Map<String, String> voices = new LinkedHashMap<>();
    for (marytts.config.VoiceConfig v : marytts.config.MaryConfig.getVoiceConfigs()) {
      voices.put(v.getName(), v.getLocale().toLanguageTag());
    }
    return voices;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** Compares files with a sha256sum-style manifest (paths relative to the model folder). */
  private static String verify(Path model, Path manifest) throws Exception {
    if (!Files.isRegularFile(manifest)) return "no checksum manifest";
    int bad = 0;
    int checked = 0;
    for (String line : Files.readAllLines(manifest)) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] parts = line.trim().split("\\s+\\*?", 2);
      Path file = model.resolve(parts[1]).normalize();
      checked++;
      if (!file.startsWith(model) || !Files.isRegularFile(file) || !sha256(file).equals(parts[0])) bad++;
    }
    return bad == 0 ? "ok, " + checked + " files match" : "CORRUPT: " + bad + " of " + checked + " files differ";
  }

  static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) digest.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
