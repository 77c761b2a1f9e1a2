package dev.hearth.llm.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.llm.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Tokenizer qwen;

  @BeforeAll
  static void load() throws IOException {
    qwen = Tokenizer.open(Fixtures.dir("tiny-qwen2"));
  }

  @AfterAll
  static void close() {
    qwen.close();
  }

  @Test
  void chatMarkersAreTheKnownQwenIds() {
    assertThat(qwen.tokenId("<|endoftext|>")).isEqualTo(151643);
    assertThat(qwen.tokenId("<|im_start|>")).isEqualTo(151644);
    assertThat(qwen.tokenId("<|im_end|>")).isEqualTo(151645);
    assertThat(qwen.encode("<|im_start|>user\nhi<|im_end|>")).startsWith(151644).endsWith(151645);
  }

  @Test
  void encodingAddsNoSpecialTokens() {
    int[] ids = qwen.encode("Hello");
    assertThat(ids).hasSize(1);
    assertThat(qwen.decode(ids, false)).isEqualTo("Hello");
  }

  @Test
  void textRoundTrips() {
    for (String text : List.of("Hello, world!", "  two leading spaces", "naïve café 日本", "emoji 🙂 and tabs\tand\nnewlines", "")) {
      assertThat(qwen.decode(qwen.encode(text), false)).isEqualTo(text);
    }
  }

  @Test
  void specialTokensAreDroppedOnlyWhenAsked() {
    int[] ids = qwen.encode("<|im_start|>assistant\nYes.<|im_end|>");
    assertThat(qwen.decode(ids, false)).isEqualTo("<|im_start|>assistant\nYes.<|im_end|>");
    assertThat(qwen.decode(ids, true)).isEqualTo("assistant\nYes.");
  }

  @Test
  void specialTokensComeFromTokenizerConfig() {
    SpecialTokens s = qwen.special();
    assertThat(s.eosToken()).isEqualTo("<|im_end|>");
    assertThat(s.bosToken()).isEmpty();
    assertThat(s.bosId()).isEqualTo(-1);
    assertThat(s.addBosToken()).isFalse();
    assertThat(s.eosIds()).containsExactly(151645);
    assertThat(s.added()).hasSize(22).containsEntry(151643, "<|endoftext|>");
    assertThat(s.specialIds()).contains(151643, 151644, 151645).doesNotContain(151657); // <tool_call> is not special
    assertThat(qwen.isEos(151645)).isTrue();
    assertThat(qwen.isEos(151643)).isFalse();
  }

  @Test
  void eosIdsAlsoComeFromGenerationConfigAndConfig(@TempDir Path dir) throws IOException {
    Path src = Fixtures.dir("tiny-qwen2");
    Files.copy(src.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    Files.copy(src.resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"));
    Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [151645, 151643], \"bos_token_id\": 151643}");
    Files.writeString(dir.resolve("config.json"), "{\"eos_token_id\": 151646}");
    try (Tokenizer t = Tokenizer.open(dir)) {
      assertThat(t.special().eosIds()).containsExactly(151645, 151643, 151646);
    }
  }

  @Test
  void aPlainPromptGetsTheBosTokenOnlyWhereTheTokenizerConfigAsks(@TempDir Path dir) throws IOException {
    assertThat(qwen.encodePrompt("Hello there")).containsExactly(qwen.encode("Hello there"));
    Path src = Fixtures.dir("tiny-qwen2");
    Files.copy(src.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    ObjectNode config = (ObjectNode) JSON.readTree(src.resolve("tokenizer_config.json").toFile());
    config.put("bos_token", "<|endoftext|>").put("add_bos_token", true);
    JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
    try (Tokenizer t = Tokenizer.open(dir)) {
      assertThat(t.special().bosId()).isEqualTo(151643);
      assertThat(t.encodePrompt("Hello there")).startsWith(151643).endsWith(qwen.encode("Hello there"))
          .hasSize(qwen.encode("Hello there").length + 1);
      assertThat(t.encode("Hello there")).as("chat prompts: the template writes the BOS").containsExactly(qwen.encode("Hello there"));
    }
    config.put("add_bos_token", false);
    JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
    try (Tokenizer t = Tokenizer.open(dir)) {
      assertThat(t.encodePrompt("Hello there")).containsExactly(qwen.encode("Hello there"));
    }
  }

  /** Llama 3's tokenizer config has no add_bos_token; its tokenizer.json's post-processor adds the BOS. */
  @Test
  void withoutAddBosTokenTheTokenizersPostProcessorDecides(@TempDir Path dir) throws IOException {
    Path src = Fixtures.dir("tiny-qwen2");
    ObjectNode config = (ObjectNode) JSON.readTree(src.resolve("tokenizer_config.json").toFile());
    config.put("bos_token", "<|endoftext|>").remove("add_bos_token");
    JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
    Files.copy(src.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    try (Tokenizer t = Tokenizer.open(dir)) {
      assertThat(t.encodePrompt("Hi")).as("Qwen's post-processor adds nothing").containsExactly(qwen.encode("Hi"));
    }
    ObjectNode tokenizer = (ObjectNode) JSON.readTree(src.resolve("tokenizer.json").toFile());
    tokenizer.set("post_processor", JSON.readTree("""
        {"type": "TemplateProcessing",
         "single": [{"SpecialToken": {"id": "<|endoftext|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
         "pair": [{"SpecialToken": {"id": "<|endoftext|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                  {"Sequence": {"id": "B", "type_id": 1}}],
         "special_tokens": {"<|endoftext|>": {"id": "<|endoftext|>", "ids": [151643], "tokens": ["<|endoftext|>"]}}}
        """));
    JSON.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer);
    try (Tokenizer t = Tokenizer.open(dir)) {
      assertThat(t.encodePrompt("Hi")).startsWith(151643).endsWith(qwen.encode("Hi")).hasSize(qwen.encode("Hi").length + 1);
    }
  }

  @Test
  void streamingNeverSplitsACharacter() {
    String text = "naïve café 日本 🙂 𝄞龘!";
    int[] ids = qwen.encode(text);
    StreamingDetokenizer stream = qwen.streaming();
    List<String> deltas = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (int id : ids) {
      String d = stream.accept(id);
      assertThat(d).doesNotContain("\uFFFD");
      if (!d.isEmpty()) deltas.add(d);
      all.append(d);
    }
    all.append(stream.finish());
    assertThat(all.toString()).isEqualTo(text);
    // 𝄞 and 龘 are rare enough to be split over byte-level tokens, so some ids produce no text on their own
    assertThat(ids.length).isGreaterThan(deltas.size());
  }

  @Test
  void streamingDropsTheEndToken() {
    int[] ids = qwen.encode("Sure.<|im_end|>");
    StreamingDetokenizer stream = qwen.streaming();
    StringBuilder all = new StringBuilder();
    for (int id : ids) all.append(stream.accept(id));
    all.append(stream.finish());
    assertThat(all.toString()).isEqualTo("Sure.");
  }

  @Test
  void aHeldBackIncompleteCharacterIsFlushedAsReplacementAtTheEnd() {
    int[] ids = qwen.encode("𝄞");
    assertThat(ids.length).as("𝄞 is several byte-level tokens").isGreaterThan(1);
    StreamingDetokenizer stream = qwen.streaming();
    assertThat(stream.accept(ids[0])).isEmpty();
    assertThat(stream.finish()).isEqualTo("\uFFFD");
  }
}
