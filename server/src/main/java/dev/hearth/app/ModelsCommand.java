package dev.hearth.app;

import dev.hearth.config.HearthConfig;
import dev.hearth.llm.hub.ConsoleProgress;
import dev.hearth.llm.hub.HubClient;
import dev.hearth.llm.hub.HubFile;
import dev.hearth.llm.hub.ModelPuller;
import dev.hearth.llm.hub.ModelRegistry;
import dev.hearth.llm.hub.RepoInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the installed speech models, voices and local LLMs, and which are active.",
    subcommands = {ModelsCommand.Pull.class, ModelsCommand.Add.class, ModelsCommand.Use.class, ModelsCommand.Remove.class})
final class ModelsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Option(names = "--verify", description = "Check every file of the models against models/<name>.sha256 where present.")
  boolean verify;

  @Override
  public Integer call() throws Exception {
    HearthConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
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
    out.println("Speech to text (Vosk), setting stt.model_dir:");
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
      out.printf("  %s %-36s %s  (%s)%n", isActive ? "*" : " ", m.getFileName(), m, state);
    }
    out.println("Text to speech (MaryTTS 5.2.1), setting tts.voice:");
    for (Map.Entry<String, String> v : voices().entrySet()) {
      out.printf("  %s %-36s %s%n", v.getKey().equals(config.tts().voice()) ? "*" : " ", v.getKey(), v.getValue());
    }
    out.println("Local LLM (Hugging Face checkpoints), setting llm.model or `hearth models use`:");
    ModelRegistry registry = new ModelRegistry(config.store().dataDir());
    String activeLlm = activeLlm(config, registry);
    List<ModelRegistry.LocalModel> llms = registry.list();
    if (llms.isEmpty()) out.println("    none; `hearth models pull Qwen/Qwen2.5-0.5B-Instruct` downloads one (see models/llm-catalogue.md)");
    for (ModelRegistry.LocalModel m : llms) {
      String size = m.sizeBytes() < 0 ? "MISSING" : String.format("%.0f MB", m.sizeBytes() / 1e6);
      if (m.sizeBytes() < 0 && m.name().equals(activeLlm)) problems++;
      out.printf("  %s %-36s %s  (%s, %s)%n", m.name().equals(activeLlm) ? "*" : " ", m.name(), m.folder(), size,
          m.source() == ModelRegistry.Source.DOWNLOADED ? "downloaded" : "added");
    }
    if (!activeLlm.isEmpty() && llms.stream().noneMatch(m -> m.name().equals(activeLlm))) {
      out.printf("  * %-36s (llm.model: a folder, or a name not known here)%n", activeLlm);
    }
    out.println("(* = active)");
    return problems == 0 ? 0 : 1;
  }

  /** The active LLM's name or folder: the setting llm.model if set, else the one chosen with `hearth models use`; "" if none. */
  static String activeLlm(HearthConfig config, ModelRegistry registry) throws IOException {
    if (!config.llm().model().isEmpty()) return config.llm().model();
    return registry.active().orElse("");
  }

  @Command(name = "pull", mixinStandardHelpOptions = true,
      description = "Download a checkpoint from the Hugging Face hub into <store.data_dir>/models/<name>/ (resumes an interrupted download).")
  static final class Pull implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "REPO", description = "Repository id, e.g. Qwen/Qwen2.5-0.5B-Instruct.")
    String repo;

    @Option(names = "--revision", paramLabel = "R", description = "Branch, tag or commit (default: main).")
    String revision = "main";

    @Override
    public Integer call() throws Exception {
      HearthConfig config = options.load();
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!repo.matches("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")) {
        err.println("hearth: '" + repo + "' is not a repository id; write it as owner/name, e.g. Qwen/Qwen2.5-0.5B-Instruct");
        return 2;
      }
      ModelRegistry registry = new ModelRegistry(config.store().dataDir());
      String endpoint = HubClient.endpoint(config.llm().hubEndpoint(), System.getenv());
      HubClient hub = new HubClient(endpoint, Optional.ofNullable(System.getenv("HF_TOKEN")));
      Path target = registry.modelsDir().resolve(ModelPuller.folderName(repo));
      ConsoleProgress progress = new ConsoleProgress(err, System.console() != null, System::nanoTime);
      err.println("Pulling " + repo + " (" + revision + ") from " + endpoint + " into " + target);
      RepoInfo info = new ModelPuller(hub, progress, 5).pull(repo, revision, target);
      long bytes = info.files().stream().mapToLong(HubFile::sizeBytes).sum();
      out.printf("%s: %d files, %.0f MB, commit %s; make it active with `hearth models use %s`%n",
          target.getFileName(), info.files().size(), bytes / 1e6, info.sha(), target.getFileName());
      return 0;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Register a Hugging Face checkpoint folder you already have (config.json, tokenizer.json, *.safetensors).")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "FOLDER", description = "The checkpoint folder.")
    Path folder;

    @Option(names = "--name", paramLabel = "N", description = "Name to use it by (default: the folder's name).")
    String name;

    @Override
    public Integer call() throws Exception {
      ModelRegistry registry = new ModelRegistry(options.load().store().dataDir());
      ModelRegistry.LocalModel m = registry.add(folder, name);
      spec.commandLine().getOut().printf("added %s (%s, %.0f MB); make it active with `hearth models use %s`%n", m.name(),
          m.folder(), m.sizeBytes() / 1e6, m.name());
      return 0;
    }
  }

  @Command(name = "use", mixinStandardHelpOptions = true, description = "Make a model the active local LLM (the setting llm.model, when set, still wins).")
  static final class Use implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "NAME", description = "A name from `hearth models`.")
    String name;

    @Override
    public Integer call() throws Exception {
      HearthConfig config = options.load();
      new ModelRegistry(config.store().dataDir()).use(name);
      spec.commandLine().getOut().println(name + " is now the active local LLM");
      if (!config.llm().model().isEmpty() && !config.llm().model().equals(name)) {
        spec.commandLine().getErr().println("note: the setting llm.model=" + config.llm().model() + " overrides this choice until you clear it");
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Delete a downloaded model's folder, or unregister an added one (its files stay).")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "NAME", description = "A name from `hearth models`.")
    String name;

    @Override
    public Integer call() throws Exception {
      spec.commandLine().getOut().println(new ModelRegistry(options.load().store().dataDir()).remove(name));
      return 0;
    }
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
