package dev.hearth.llm.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Downloads the files a checkpoint needs from a hub repository into {@code <modelsDir>/<name>/}. The small config files
 * come first and are checked ({@link ModelRegistry#checkConfigs}: a supported architecture, a chat template) before
 * anything large is fetched. Each file goes to
 * {@code <file>.part}, resumes from what is there ({@code Range}), is checked (SHA-256 for LFS files, size and git blob
 * id for the others) and renamed into place only when complete; a broken connection is retried from where it stopped.
 * The manifest {@code hearth-model.json} is written last, so a folder with it is complete.
 */
public final class ModelPuller {
  /** Written after every file is in place: repo, revision sha and the files with sizes and SHA-256. */
  public static final String MANIFEST = "hearth-model.json";
  /** The small files that say whether the checkpoint can run at all; fetched and checked before the others. */
  private static final Set<String> CONFIGS = Set.of("config.json", "generation_config.json", "tokenizer_config.json",
      "special_tokens_map.json", "model.safetensors.index.json", "chat_template.jinja");
  private static final Set<String> NEEDED = Set.of("config.json", "generation_config.json", "tokenizer.json",
      "tokenizer_config.json", "special_tokens_map.json", "model.safetensors.index.json", "chat_template.jinja");
  private static final long SMALL_DOC_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubClient hub;
  private final PullProgress progress;
  private final int attempts;

  /** {@code attempts}: how often one file is tried (resuming each time) before the pull fails. */
  public ModelPuller(HubClient hub, PullProgress progress, int attempts) {
    this.hub = hub;
    this.progress = progress;
    this.attempts = attempts;
  }

  /** The folder name for a repository id: its last part ({@code Qwen/Qwen2.5-0.5B-Instruct} → {@code Qwen2.5-0.5B-Instruct}). */
  public static String folderName(String repo) {
    String name = repo.substring(repo.lastIndexOf('/') + 1);
    if (name.isBlank() || name.equals(".") || name.equals("..")) throw new IllegalArgumentException("not a repository id: " + repo);
    return name;
  }

  /** Whether a repository file is part of a runnable checkpoint (weights, configs, tokenizer, small license/readme). */
  static boolean needed(HubFile f) {
    String p = f.path();
    if (p.contains("/")) return false;
    if (NEEDED.contains(p) || p.endsWith(".safetensors")) return true;
    String lower = p.toLowerCase(Locale.ROOT);
    return (lower.startsWith("license") || lower.equals("readme.md")) && f.sizeBytes() >= 0 && f.sizeBytes() <= SMALL_DOC_BYTES;
  }

  /** Pulls {@code repo} at {@code revision} into {@code target}; returns the manifest's file list. */
  public RepoInfo pull(String repo, String revision, Path target) throws IOException, InterruptedException {
    RepoInfo info = hub.list(repo, revision);
    for (HubFile f : info.files()) checkSafe(f.path(), repo);
    List<HubFile> files = info.files().stream().filter(ModelPuller::needed).toList();
    if (files.stream().noneMatch(f -> f.path().endsWith(".safetensors"))) {
      throw new HubException(repo + " has no .safetensors weights at " + revision + "; Hearth runs safetensors checkpoints only");
    }
    if (files.stream().noneMatch(f -> f.path().equals("tokenizer.json"))) {
      throw new HubException(repo + " has no tokenizer.json at " + revision + "; Hearth needs the fast-tokenizer file");
    }
    if (files.stream().noneMatch(f -> f.path().equals("config.json"))) {
      throw new HubException(repo + " has no config.json at " + revision + "; it is not a Hugging Face transformers checkpoint");
    }
    boolean created = !Files.exists(target);
    Files.createDirectories(target);
    Files.deleteIfExists(target.resolve(MANIFEST));
    List<HubFile> written = new ArrayList<>();
    for (HubFile f : files) if (CONFIGS.contains(f.path())) written.add(fetch(repo, info.sha(), f, target));
    try {
      ModelRegistry.checkConfigs(target);
    } catch (RuntimeException e) {
      if (created) ModelRegistry.deleteTree(target);
      throw new HubException(repo + " at " + revision + " cannot run in Hearth: " + e.getMessage()
          + "; its weights were not downloaded");
    }
    for (HubFile f : files) if (!CONFIGS.contains(f.path())) written.add(fetch(repo, info.sha(), f, target));
    writeManifest(target, new RepoInfo(repo, info.sha(), written), revision);
    return new RepoInfo(repo, info.sha(), written);
  }

  /** Refuses names that would land outside the model folder. */
  static void checkSafe(String path, String repo) throws HubException {
    boolean bad = path.isEmpty() || path.startsWith("/") || path.startsWith("\\") || path.contains("\\")
        || path.matches("^[A-Za-z]:.*") || path.indexOf('\0') >= 0;
    for (String part : path.split("/")) if (part.equals("..") || part.equals(".")) bad = true;
    if (bad) throw new HubException(repo + " lists an unsafe file name '" + path + "' (absolute or with ..); refusing to pull it");
  }

  private HubFile fetch(String repo, String sha, HubFile f, Path dir) throws IOException, InterruptedException {
    Path file = dir.resolve(f.path());
    Path part = dir.resolve(f.path() + ".part");
    if (Files.isRegularFile(file) && Files.size(file) == f.sizeBytes()) {
      String hash = sha256(file);
      boolean same = f.sha256() != null ? f.sha256().equalsIgnoreCase(hash)
          : f.blobId() != null && f.blobId().equalsIgnoreCase(gitBlobId(file, f.sizeBytes()));
      if (same) {
        progress.note(f.path() + " is already complete");
        return new HubFile(f.path(), f.sizeBytes(), hash, f.blobId());
      }
    }
    IOException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        download(repo, sha, f, part);
        last = null;
        break;
      } catch (HubException e) {
        throw e;
      } catch (IOException e) {
        last = e;
        if (attempt < attempts) progress.note(f.path() + ": " + e.getMessage() + "; resuming (attempt " + (attempt + 1) + " of " + attempts + ")");
      }
    }
    if (last != null) {
      throw new HubException(f.path() + " of " + repo + " did not download after " + attempts + " attempts (" + last.getMessage()
          + "); run the same command again to resume from " + part.getFileName());
    }
    String hash = verify(repo, f, part);
    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    progress.finish(f.path());
    return new HubFile(f.path(), f.sizeBytes(), hash, f.blobId());
  }

  private void download(String repo, String sha, HubFile f, Path part) throws IOException, InterruptedException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    if (f.sizeBytes() >= 0 && have > f.sizeBytes()) {
      Files.delete(part);
      have = 0;
    }
    if (f.sizeBytes() >= 0 && have == f.sizeBytes()) return;
    HttpResponse<InputStream> response = hub.open(repo, sha, f.path(), have);
    try (InputStream in = response.body()) {
      if (response.statusCode() == 416) {
        Files.deleteIfExists(part);  // the part does not fit the file any more; start over
        throw new IOException("the server refused to resume " + f.path());
      }
      boolean append = response.statusCode() == 206 && have > 0;
      if (!append) have = 0;  // a 200 ignores the range: the whole file follows
      progress.start(f.path(), f.sizeBytes(), have);
      try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          progress.advance(n);
        }
      }
    }
    long size = Files.size(part);
    if (f.sizeBytes() >= 0 && size < f.sizeBytes()) {
      throw new IOException("connection ended after " + size + " of " + f.sizeBytes() + " bytes");
    }
  }

  /** Checks the complete part; deletes it and fails when it is not the file the hub listed. Returns its SHA-256. */
  private String verify(String repo, HubFile f, Path part) throws IOException {
    long size = Files.size(part);
    String hash = sha256(part);
    String problem = null;
    if (f.sizeBytes() >= 0 && size != f.sizeBytes()) {
      problem = "is " + size + " bytes, the hub lists " + f.sizeBytes();
    } else if (f.sha256() != null && !f.sha256().equalsIgnoreCase(hash)) {
      problem = "has SHA-256 " + hash + ", the hub lists " + f.sha256();
    } else if (f.sha256() == null && f.blobId() != null && !f.blobId().equalsIgnoreCase(gitBlobId(part, size))) {
      problem = "does not match its git blob id " + f.blobId();
    }
    if (problem != null) {
      Files.deleteIfExists(part);
      throw new HubException("checksum mismatch: " + f.path() + " of " + repo + " " + problem
          + "; the partial file was deleted, run the command again to download it afresh");
    }
    return hash;
  }

  private void writeManifest(Path dir, RepoInfo info, String revision) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("repo", info.repo());
    root.put("revision", revision);
    root.put("sha", info.sha());
    root.put("endpoint", hub.endpoint().toString());
    ArrayNode files = root.putArray("files");
    for (HubFile f : info.files()) {
      files.addObject().put("path", f.path()).put("size", f.sizeBytes()).put("sha256", f.sha256());
    }
    JsonFiles.write(dir.resolve(MANIFEST), root);
  }

  static String sha256(Path file) throws IOException {
    return digest(file, "SHA-256", null);
  }

  /** Git's blob id: SHA-1 of {@code "blob <size>\0"} followed by the content. */
  static String gitBlobId(Path file, long size) throws IOException {
    return digest(file, "SHA-1", ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
  }

  private static String digest(Path file, String algorithm, byte[] header) throws IOException {
    try {
      MessageDigest d = MessageDigest.getInstance(algorithm);
      if (header != null) d.update(header);
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
