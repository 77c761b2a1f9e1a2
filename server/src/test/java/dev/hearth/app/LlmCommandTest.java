package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.llm.Fixtures;
import dev.hearth.llm.text.Tokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

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

  @Test
  void aTextPromptWithoutATokenizerIsAClearError() {
    Cli run = Cli.run("llm", "generate", "--model", Fixtures.dir("tiny-llama").toString(), "--prompt", "Hello");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("hearth: ").contains("has no tokenizer.json");
    assertThat(run.out()).isEmpty();
  }
}
