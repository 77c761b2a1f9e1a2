package dev.hearth.llm.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.llm.checkpoint.CheckpointException;
import dev.hearth.llm.checkpoint.ModelConfig;
import dev.hearth.llm.text.ChatTemplate;
import dev.hearth.llm.text.ChatTemplateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local LLM checkpoints Hearth knows: folders pulled into {@code <data_dir>/models/} (they have a
 * {@value ModelPuller#MANIFEST}) and folders elsewhere registered with {@code hearth models add}, plus which one is
 * active. The registered folders and the active name live in {@code <data_dir>/llm-models.json}, rewritten atomically.
 */
public final class ModelRegistry {
  /** Where a model came from: removing a downloaded one deletes its folder, removing an added one only forgets it. */
  public enum Source { DOWNLOADED, ADDED }

  /** One known checkpoint. */
  public record LocalModel(String name, Path folder, Source source, long sizeBytes) {}

  private static final String STATE = "llm-models.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;

  public ModelRegistry(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** Where {@code hearth models pull} puts checkpoints. */
  public Path modelsDir() {
    return dataDir.resolve("models");
  }

  /** Downloaded and added checkpoints, by name. */
  public List<LocalModel> list() throws IOException {
    List<LocalModel> models = new ArrayList<>();
    if (Files.isDirectory(modelsDir())) {
      try (Stream<Path> dirs = Files.list(modelsDir())) {
        for (Path d : dirs.filter(d -> Files.isRegularFile(d.resolve(ModelPuller.MANIFEST))).toList()) {
          models.add(new LocalModel(d.getFileName().toString(), d, Source.DOWNLOADED, size(d)));
        }
      }
    }
    for (Map.Entry<String, Path> e : added().entrySet()) {
      Path folder = e.getValue();
      models.add(new LocalModel(e.getKey(), folder, Source.ADDED, Files.isDirectory(folder) ? size(folder) : -1));
    }
    models.sort(Comparator.comparing(LocalModel::name));
    return models;
  }

  public Optional<LocalModel> find(String name) throws IOException {
    return list().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** Registers a checkpoint folder under {@code name} (the folder's name when null) after checking it can run. */
  public LocalModel add(Path folder, String name) throws IOException {
    Path dir = folder.toAbsolutePath().normalize();
    checkCheckpoint(dir);
    String chosen = name == null || name.isBlank() ? dir.getFileName().toString() : name.strip();
    if (!chosen.matches("[A-Za-z0-9._-]+") || chosen.startsWith(".")) {
      throw new IllegalArgumentException("model name '" + chosen + "' may hold only letters, digits, '.', '_' and '-'; choose one with --name");
    }
    if (find(chosen).isPresent()) {
      throw new IllegalArgumentException("a model named " + chosen + " is already known; choose another with --name");
    }
    ObjectNode state = state();
    state.withObject("/added").put(chosen, dir.toString());
    save(state);
    return new LocalModel(chosen, dir, Source.ADDED, size(dir));
  }

  /** Makes {@code name} the active local LLM. */
  public void use(String name) throws IOException {
    if (find(name).isEmpty()) throw new IllegalArgumentException("no model named " + name + "; `hearth models` lists them");
    ObjectNode state = state();
    state.put("active", name);
    save(state);
  }

  /** The name chosen with {@link #use}, if any. */
  public Optional<String> active() throws IOException {
    String a = state().path("active").asText("");
    return a.isEmpty() ? Optional.empty() : Optional.of(a);
  }

  /**
   * The local LLM to load for the setting {@code llm.model} ({@code wanted}): an installed model of that name, else a
   * checkpoint folder at that path; when the setting is empty, the model chosen with {@link #use}; none when neither
   * is set. Throws {@link IllegalArgumentException} saying what to do when {@code wanted} is neither.
   */
  public Optional<LocalModel> chosen(String wanted) throws IOException {
    if (wanted.isEmpty()) {
      Optional<String> active = active();
      if (active.isEmpty()) return Optional.empty();
      wanted = active.get();
    }
    Optional<LocalModel> named = find(wanted);
    if (named.isPresent()) return named;
    Path folder = Path.of(wanted);
    if (Files.isDirectory(folder)) {
      checkCheckpoint(folder);
      return Optional.of(new LocalModel(folder.getFileName().toString(), folder.toAbsolutePath(), Source.ADDED, 0));
    }
    throw new IllegalArgumentException("The language model '" + wanted + "' is neither an installed model (see `hearth models`) "
        + "nor a checkpoint folder. Pull one with `hearth models pull Qwen/Qwen2.5-0.5B-Instruct`, or set llm.model to "
        + "a folder, or leave llm.model empty to run without one.");
  }

  /**
   * Forgets {@code name}: a downloaded model's folder under {@link #modelsDir()} is deleted, an added one is only
   * unregistered (its files stay). Returns what was done, for the user.
   */
  public String remove(String name) throws IOException {
    LocalModel m = find(name).orElseThrow(() -> new IllegalArgumentException("no model named " + name + "; `hearth models` lists them"));
    ObjectNode state = state();
    String done;
    if (m.source() == Source.ADDED) {
      ((ObjectNode) state.withObject("/added")).remove(name);
      done = "unregistered " + name + "; its folder " + m.folder() + " was left as it is";
    } else {
      Path folder = m.folder().toAbsolutePath().normalize();
      if (!folder.getParent().equals(modelsDir())) throw new IllegalStateException(folder + " is not under " + modelsDir());
      deleteTree(folder);
      done = "deleted " + folder;
    }
    if (name.equals(state.path("active").asText(""))) state.remove("active");
    save(state);
    return done;
  }

  /**
   * Throws {@link IllegalArgumentException} with what is missing or unsupported when {@code dir} is not a runnable
   * Hugging Face checkpoint folder (see {@link #checkConfigs}).
   */
  public static void checkCheckpoint(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is not a folder");
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(dir.resolve("config.json"))) missing.add("config.json");
    if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) missing.add("tokenizer.json");
    try (Stream<Path> files = Files.list(dir)) {
      if (files.noneMatch(f -> f.getFileName().toString().endsWith(".safetensors"))) missing.add("*.safetensors weights");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(dir + " is not a Hugging Face checkpoint folder: it lacks " + String.join(", ", missing)
          + " (download one with `hearth models pull <owner/name>`)");
    }
    try {
      checkConfigs(dir);
    } catch (CheckpointException | ChatTemplateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Throws ({@link CheckpointException}, {@link ChatTemplateException}) when the config files of {@code dir} say the
   * engine cannot run it: config.json names an unsupported architecture or feature, or there is no chat template for
   * the voice turn. Reads only the small files, so a pull checks them before downloading the weights.
   */
  static void checkConfigs(Path dir) throws IOException {
    ModelConfig.load(dir);
    ChatTemplate.read(dir, Clock.systemUTC());
  }

  private Map<String, Path> added() throws IOException {
    Map<String, Path> added = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : state().path("added").properties()) added.put(e.getKey(), Path.of(e.getValue().asText()));
    return added;
  }

  private ObjectNode state() throws IOException {
    Path file = dataDir.resolve(STATE);
    if (!Files.isRegularFile(file)) return JSON.createObjectNode();
    JsonNode node = JSON.readTree(file.toFile());
    if (!(node instanceof ObjectNode o)) throw new IOException(file + " is not a JSON object; fix or delete it");
    return o;
  }

  private void save(ObjectNode state) throws IOException {
    Files.createDirectories(dataDir);
    JsonFiles.write(dataDir.resolve(STATE), state);
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
