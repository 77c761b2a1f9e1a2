package dev.hearth.llm.text;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checked-in tokenizer fixture: Qwen2.5-Instruct's real tokenizer.json and tokenizer_config.json. */
final class TextFixtures {
  private TextFixtures() {}

  /** {@code testdata/llm/tiny-qwen2} in the checkout (only its two tokenizer files are used here). */
  static Path tinyQwen2() {
    Path dir = Path.of(System.getProperty("hearth.home", "..")).resolve("testdata/llm/tiny-qwen2");
    if (!Files.isRegularFile(dir.resolve("tokenizer.json")) || !Files.isRegularFile(dir.resolve("tokenizer_config.json"))) {
      throw new IllegalStateException(dir + " lacks tokenizer.json or tokenizer_config.json (from /work/shared/llm-fixtures/tiny-qwen2)");
    }
    return dir;
  }
}
