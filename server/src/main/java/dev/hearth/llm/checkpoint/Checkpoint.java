package dev.hearth.llm.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.llm.checkpoint.SafetensorsFile.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face model folder: {@code config.json} plus either {@code model.safetensors} or shards listed by
 * {@code model.safetensors.index.json}'s {@code weight_map}.
 */
public final class Checkpoint implements AutoCloseable {
  private final Path dir;
  private final ModelConfig config;
  private final List<SafetensorsFile> files;
  private final Map<String, Located> tensors;

  /** A tensor and the file holding it. */
  public record Located(SafetensorsFile file, TensorInfo info) {}

  private Checkpoint(Path dir, ModelConfig config, List<SafetensorsFile> files, Map<String, Located> tensors) {
    this.dir = dir;
    this.config = config;
    this.files = files;
    this.tensors = tensors;
  }

  /** Reads the config and every safetensors header of {@code dir}. */
  public static Checkpoint open(Path dir) {
    if (!Files.isDirectory(dir)) throw new CheckpointException("model folder " + dir + " does not exist");
    ModelConfig config = ModelConfig.load(dir);
    Path index = dir.resolve("model.safetensors.index.json");
    Path single = dir.resolve("model.safetensors");
    List<SafetensorsFile> files = new ArrayList<>();
    Map<String, Located> tensors = new LinkedHashMap<>();
    try {
      if (Files.isRegularFile(index)) {
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        JsonNode map = readJson(index).path("weight_map");
        if (!map.isObject() || map.size() == 0) throw new CheckpointException(index + " has no weight_map");
        map.fields().forEachRemaining(e -> {
          String shard = e.getValue().asText();
          SafetensorsFile file = shards.computeIfAbsent(shard, s -> {
            Path p = dir.resolve(s);
            if (!Files.isRegularFile(p)) throw new CheckpointException(index + " names shard " + s + ", which is missing from " + dir);
            SafetensorsFile f = SafetensorsFile.open(p);
            files.add(f);
            return f;
          });
          TensorInfo info = file.tensors().get(e.getKey());
          if (info == null) throw new CheckpointException(index + " puts " + e.getKey() + " in " + shard + ", which lacks it");
          tensors.put(e.getKey(), new Located(file, info));
        });
      } else if (Files.isRegularFile(single)) {
        SafetensorsFile f = SafetensorsFile.open(single);
        files.add(f);
        f.tensors().forEach((name, info) -> tensors.put(name, new Located(f, info)));
      } else {
        throw new CheckpointException("no model.safetensors or model.safetensors.index.json in " + dir
            + " (only safetensors weights are read; convert .bin/.pth checkpoints first)");
      }
    } catch (RuntimeException e) {
      files.forEach(SafetensorsFile::close);
      throw e;
    }
    return new Checkpoint(dir, config, files, tensors);
  }

  private static JsonNode readJson(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new CheckpointException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  public ModelConfig config() {
    return config;
  }

  public Optional<Located> find(String name) {
    return Optional.ofNullable(tensors.get(name));
  }

  /** The named tensor; throws naming the folder when the checkpoint lacks it. */
  public Located get(String name) {
    Located t = tensors.get(name);
    if (t == null) throw new CheckpointException(dir + " lacks tensor " + name + " required by " + config.architecture());
    return t;
  }

  @Override
  public void close() {
    files.forEach(SafetensorsFile::close);
  }
}
