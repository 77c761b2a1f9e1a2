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
}
