package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.llm.Fixtures;
import dev.hearth.llm.engine.DecodeOptions;
import dev.hearth.llm.engine.Decoder;
import dev.hearth.llm.engine.LlamaModel;
import dev.hearth.llm.engine.Session;
import dev.hearth.llm.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth llm generate} run in-process on the fixture checkpoints. */
class LlmCommandTest {
  private static final Fixtures.Case LLAMA = Fixtures.golden("tiny-llama").cases().get(0);
  private static final Fixtures.Case QWEN = Fixtures.golden("tiny-qwen2").cases().get(0);

  private static String ids(int[] ids) {
    return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(","));
  }

  /** Regression: a folder without tokenizer.json failed ("has no tokenizer.json") even for --prompt-ids. */
  @Test
  void promptIdsOnAFolderWithoutATokenizerPrintTheGoldenIds() {
    Cli run = Cli.run("llm", "generate", "--model", Fixtures.dir("tiny-llama").toString(),
        "--prompt-ids", ids(LLAMA.promptIds()), "--max-tokens", "8", "--ignore-eos");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.ids()).containsExactly(Arrays.copyOf(LLAMA.greedyNewIds(), 8));
    assertThat(run.err()).contains("no tokenizer.json; printing token ids").contains("stopped: limit after 8 tokens");
  }

  @Test
  void withATokenizerTheContinuationIsPrintedAsTextUnlessPrintIds() throws Exception {
    Path qwen = Fixtures.dir("tiny-qwen2");
    Cli ids = Cli.run("llm", "generate", "--model", qwen.toString(), "--prompt-ids", ids(QWEN.promptIds()),
        "--max-tokens", "10", "--ignore-eos", "--print-ids");
    assertThat(ids.exit()).as(ids.err()).isZero();
    assertThat(ids.ids()).containsExactly(Arrays.copyOf(QWEN.greedyNewIds(), 10));

    Cli text = Cli.run("llm", "generate", "--model", qwen.toString(), "--prompt-ids", ids(QWEN.promptIds()),
        "--max-tokens", "10", "--ignore-eos");
    assertThat(text.exit()).as(text.err()).isZero();
    try (Tokenizer tokenizer = Tokenizer.open(qwen)) {
      assertThat(text.out()).isEqualTo(tokenizer.decode(ids.ids(), true) + System.lineSeparator());
    }
    assertThat(text.err()).doesNotContain("printing token ids");
  }

  /** Regression: generate took its EOS ids from config.json alone, while a chat also stops at generation_config.json's. */
  @Test
  void generationStopsAtTheEosIdsOfEveryConfigFileAsAChatDoes(@TempDir Path dir) throws Exception {
    Path qwen = linkedCopy("tiny-qwen2", dir);
    int eos = QWEN.greedyNewIds()[2];
    assertThat(Arrays.copyOf(QWEN.greedyNewIds(), 2)).doesNotContain(eos);
    Files.writeString(qwen.resolve("generation_config.json"), "{\"eos_token_id\": [151645, " + eos + "]}");
    String[] args = {"llm", "generate", "--model", qwen.toString(), "--prompt-ids", ids(QWEN.promptIds()), "--max-tokens", "10"};
    Cli text = Cli.run(args);  // the tokenizer is loaded to print text
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.err()).contains("stopped: eos after 3 tokens");
    Cli ids = Cli.run(Stream.concat(Arrays.stream(args), Stream.of("--print-ids")).toArray(String[]::new));  // no tokenizer
    assertThat(ids.err()).contains("stopped: eos after 3 tokens");
    assertThat(ids.ids()).containsExactly(Arrays.copyOf(QWEN.greedyNewIds(), 3));
  }

  /** Regression: add_bos_token was read but never used, so a text prompt to TinyLlama-style models lacked its BOS. */
  @Test
  void aTextPromptGetsTheBosTokenWhereTheTokenizerConfigAsks(@TempDir Path dir) throws Exception {
    Path qwen = linkedCopy("tiny-qwen2", dir);
    Files.writeString(qwen.resolve("tokenizer_config.json"), Files.readString(qwen.resolve("tokenizer_config.json"))
        .replace("\"add_bos_token\": false", "\"add_bos_token\": true").replace("\"bos_token\": null", "\"bos_token\": \"<|endoftext|>\""));
    Cli run = Cli.run("llm", "generate", "--model", qwen.toString(), "--prompt", "Hello there", "--max-tokens", "6",
        "--ignore-eos", "--print-ids");
    assertThat(run.exit()).as(run.err()).isZero();
    int[] withBos;
    int[] without;
    try (Tokenizer tokenizer = Tokenizer.open(qwen); LlamaModel model = LlamaModel.load(qwen)) {
      int[] text = tokenizer.encode("Hello there");
      int[] prompt = new int[text.length + 1];
      prompt[0] = 151643;
      System.arraycopy(text, 0, prompt, 1, text.length);
      withBos = greedy(model, prompt, 6);
      without = greedy(model, text, 6);
    }
    assertThat(withBos).as("the BOS changes this model's continuation").isNotEqualTo(without);
    assertThat(run.ids()).containsExactly(withBos);
  }

  private static int[] greedy(LlamaModel model, int[] prompt, int tokens) {
    try (Session session = model.newSession()) {
      return Decoder.generate(session, prompt, DecodeOptions.greedy(tokens).ignoringEos(), new int[0], id -> {}, () -> false).ids();
    }
  }

  /** The fixture's files in {@code dir}: the large ones linked, the small ones copied to be edited. */
  static Path linkedCopy(String fixture, Path dir) throws IOException {
    Path copy = Files.createDirectories(dir.resolve(fixture));
    try (var files = Files.list(Fixtures.dir(fixture))) {
      for (Path f : files.toList()) {
        if (Files.size(f) > 1 << 20) {
          Files.createSymbolicLink(copy.resolve(f.getFileName()), f.toAbsolutePath());
        } else {
          Files.copy(f, copy.resolve(f.getFileName()));
        }
      }
    }
    return copy;
  }

  @Test
  void aTextPromptWithoutATokenizerIsAClearError() {
    Cli run = Cli.run("llm", "generate", "--model", Fixtures.dir("tiny-llama").toString(), "--prompt", "Hello");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("hearth: ").contains("has no tokenizer.json");
    assertThat(run.out()).isEmpty();
  }
}
