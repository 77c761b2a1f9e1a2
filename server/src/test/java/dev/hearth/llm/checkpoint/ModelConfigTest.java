package dev.hearth.llm.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.llm.Fixtures;
import org.junit.jupiter.api.Test;

class ModelConfigTest {
  @Test
  void readsTheFixtureConfigs() {
    ModelConfig llama = ModelConfig.load(Fixtures.dir("tiny-llama"));
    assertThat(llama.headDim()).isEqualTo(8);
    assertThat(llama.numKeyValueHeads()).isEqualTo(4);
    assertThat(llama.tieWordEmbeddings()).isFalse();
    assertThat(llama.eosTokenIds()).containsExactly(2);
    ModelConfig qwen = ModelConfig.load(Fixtures.dir("tiny-qwen2"));
    assertThat(qwen.ropeTheta()).isEqualTo(1e6);
    assertThat(qwen.headDim()).isEqualTo(4);
    assertThat(qwen.defaultQkvBias()).isTrue();
  }

  @Test
  void defaultsAndEosLists() throws Exception {
    ModelConfig c = ModelConfig.parse(new ObjectMapper().readTree("""
        {"architectures": ["LlamaForCausalLM"], "hidden_size": 64, "num_hidden_layers": 2,
         "num_attention_heads": 4, "intermediate_size": 128, "vocab_size": 100, "eos_token_id": [7, 9],
         "rope_scaling": {"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                          "original_max_position_embeddings": 8192}}
        """), "test");
    assertThat(c.numKeyValueHeads()).isEqualTo(4);
    assertThat(c.headDim()).isEqualTo(16);
    assertThat(c.ropeTheta()).isEqualTo(10000.0);
    assertThat(c.eosTokenIds()).containsExactly(7, 9);
    assertThat(c.ropeScaling().factor()).isEqualTo(32.0);
  }

  @Test
  void aMissingKeyIsNamed() throws Exception {
    assertThatThrownBy(() -> ModelConfig.parse(new ObjectMapper().readTree(
        "{\"architectures\": [\"Qwen2ForCausalLM\"], \"hidden_size\": 64}"), "cfg"))
        .hasMessage("cfg: num_attention_heads is missing or not a positive integer");
  }

  private static final String QWEN = """
      {"architectures": ["%s"], "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
       "intermediate_size": 128, "vocab_size": 100, "max_position_embeddings": 32768, %s}""";

  private static ModelConfig parse(String arch, String extra) throws Exception {
    return ModelConfig.parse(new ObjectMapper().readTree(QWEN.formatted(arch, extra)), "cfg");
  }

  /** Regression: these switches were ignored, so such checkpoints loaded and computed wrong logits. */
  @Test
  void featuresTheEngineDoesNotComputeAreRefusedByName() {
    assertThatThrownBy(() -> parse("LlamaForCausalLM", "\"mlp_bias\": true")).isInstanceOf(CheckpointException.class)
        .hasMessageStartingWith("cfg: mlp_bias: true").hasMessageContaining("is not supported");
    assertThatThrownBy(() -> parse("LlamaForCausalLM", "\"attention_bias\": true")).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("attention_bias: true").hasMessageContaining("o_proj").hasMessageContaining("is not supported");
    assertThatThrownBy(() -> parse("Qwen2ForCausalLM", "\"use_sliding_window\": true, \"sliding_window\": 4096"))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("use_sliding_window: true with sliding_window 4096 shorter than max_position_embeddings 32768")
        .hasMessageContaining("is not supported");
  }

  @Test
  void switchesThatChangeNothingAreAccepted() throws Exception {
    // Qwen2.5's own configs: a window as long as the context, or switched off
    assertThat(parse("Qwen2ForCausalLM", "\"use_sliding_window\": true, \"sliding_window\": 32768").hiddenSize()).isEqualTo(64);
    assertThat(parse("Qwen2ForCausalLM", "\"use_sliding_window\": false, \"sliding_window\": 4096").hiddenSize()).isEqualTo(64);
    // HF's Qwen2 has no o_proj bias whatever attention_bias says
    assertThat(parse("Qwen2ForCausalLM", "\"attention_bias\": true, \"mlp_bias\": false").defaultQkvBias()).isTrue();
    assertThat(parse("LlamaForCausalLM", "\"attention_bias\": false, \"mlp_bias\": false").defaultQkvBias()).isFalse();
  }
}
