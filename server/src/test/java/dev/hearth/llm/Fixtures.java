package dev.hearth.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.audio.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tiny golden checkpoints under testdata/llm/ and their expected outputs (see testdata/llm/README.md). */
public final class Fixtures {
  public static final List<String> ALL = List.of("tiny-llama", "tiny-qwen2", "tiny-qwen2-bf16");

  private Fixtures() {}

  public static Path dir(String fixture) {
    return TestData.home().resolve("testdata/llm").resolve(fixture);
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
