package dev.hearth.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.audio.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The tiny golden checkpoints under testdata/llm/ and their expected outputs (see testdata/llm/README.md). */
public final class Fixtures {
  public static final List<String> ALL = List.of("tiny-llama", "tiny-qwen2", "tiny-qwen2-bf16");

  private Fixtures() {}

  private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

  /** The fixture's folder, whose files are checked once per run against the SHA-256 its golden.json pins. */
  public static Path dir(String fixture) {
    Path dir = TestData.home().resolve("testdata/llm").resolve(fixture);
    if (!VERIFIED.contains(fixture)) {
      verify(dir);
      VERIFIED.add(fixture);
    }
    return dir;
  }

  /**
   * Throws naming each file of {@code dir} whose SHA-256 differs from golden.json's {@code files_sha256}: testdata/llm
   * is a copy of the shared fixture set, and a copy that drifted would make the golden tests compare the wrong files.
   */
  static void verify(Path dir) {
    try {
      JsonNode pinned = new ObjectMapper().readTree(dir.resolve("golden.json").toFile()).get("files_sha256");
      if (pinned == null || pinned.isEmpty()) throw new AssertionError(dir + "/golden.json has no files_sha256");
      List<String> drifted = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : pinned.properties()) {
        Path file = dir.resolve(e.getKey());
        String actual = Files.isRegularFile(file) ? sha256(file) : "(missing)";
        if (!actual.equals(e.getValue().asText())) drifted.add(e.getKey() + " has " + actual + ", pinned " + e.getValue().asText());
      }
      if (!drifted.isEmpty()) {
        throw new AssertionError(dir + " differs from the files its golden.json pins (copy it again from the shared "
            + "llm-fixtures): " + String.join("; ", drifted));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One entry of golden.json's {@code cases}. */
  public record Case(String name, int[] promptIds, int lastRow, int[] allRows, int[] greedyNewIds) {}

  /** A fixture's golden.json plus its golden_logits.npy. */
  public record Golden(String fixture, List<Case> cases, int vocab, float[] logits) {
    /** Row {@code r} of golden_logits.npy. */
    public float[] row(int r) {
      float[] out = new float[vocab];
      System.arraycopy(logits, r * vocab, out, 0, vocab);
      return out;
    }
  }

  public static Golden golden(String fixture) {
    try {
      JsonNode g = new ObjectMapper().readTree(dir(fixture).resolve("golden.json").toFile());
      List<Case> cases = new ArrayList<>();
      for (JsonNode c : g.get("cases")) {
        cases.add(new Case(c.get("name").asText(), ints(c.get("prompt_ids")), c.get("last_position_row").asInt(),
            c.has("all_positions_rows") ? ints(c.get("all_positions_rows")) : null, ints(c.get("greedy_new_ids"))));
      }
      int rows = g.get("logits_npy_shape").get(0).asInt();
      int vocab = g.get("logits_npy_shape").get(1).asInt();
      long offset = g.get("logits_npy_data_offset").asLong();
      ByteBuffer data = ByteBuffer.allocate(rows * vocab * 4).order(ByteOrder.LITTLE_ENDIAN);
      try (FileChannel ch = FileChannel.open(dir(fixture).resolve(g.get("logits_npy").asText()))) {
        while (data.hasRemaining()) {
          if (ch.read(data, offset + data.position()) < 0) throw new IOException("golden_logits.npy is short");
        }
      }
      float[] logits = new float[rows * vocab];
      data.flip().asFloatBuffer().get(logits);
      return new Golden(fixture, cases, vocab, logits);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
    return out;
  }

  /** Largest absolute difference between two equally long vectors. */
  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs((double) a[i] - b[i]));
    return max;
  }
}
