package dev.hearth.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {
  private static final LlmSettings DEFAULTS = new LlmSettings(12, 0, 1, 0, 4096, List.of());

  /** Issue 18: computing ahead leaves recognition a core unless told otherwise. */
  @Test
  void prefillUsesOneThreadFewerThanTheModelUnlessSet() {
    assertThat(DEFAULTS.prefillThreads(2)).isEqualTo(1);
    assertThat(DEFAULTS.prefillThreads(4)).isEqualTo(3);
    assertThat(DEFAULTS.prefillThreads(1)).isEqualTo(1);
    LlmSettings two = new LlmSettings(12, 0, 1, 0, 4096, List.of(), true, 2, "");
    assertThat(two.prefillThreads(4)).isEqualTo(2);
  }

  @Test
  void aScriptedReplyOverridesSamplingAndNothingElse() {
    LlmSettings sampled = new LlmSettings(12, 0.7, 0.9, 5, 4096, List.of());
    assertThat(sampled.decodeOptions(null).temperature()).isEqualTo(0.7);
    assertThat(sampled.decodeOptions(null).seed()).isEqualTo(5);
    assertThat(sampled.decodeOptions(null).script()).isNull();
    assertThat(sampled.decodeOptions(new int[] {4, 2}).script()).containsExactly(4, 2);
    assertThat(sampled.decodeOptions(new int[] {4, 2}).maxNewTokens()).isEqualTo(12);
  }
}
