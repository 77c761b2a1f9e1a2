package dev.hearth.llm;

import dev.hearth.config.LlmConfig;
import dev.hearth.llm.engine.DecodeOptions;
import java.util.List;

/**
 * How {@link LocalChatModel} answers: the {@code llm} config section as the model uses it.
 *
 * @param maxNewTokens the longest reply, in tokens
 * @param temperature 0 for greedy decoding
 * @param topP nucleus sampling threshold (1 = off)
 * @param seed the sampler's seed; 0 picks a new one for every reply
 * @param contextTokens prompt plus reply must fit in this many tokens (capped by the model's own window)
 * @param stopStrings text that ends the reply where it appears
 * @param prefillWhileSpeaking whether {@link LocalChatModel#anticipate} computes the prompt ahead
 * @param prefillThreads the intra-op threads of that work; 0 for one fewer than the model's own, at least 1 (speech
 *     recognition runs at the same time and goes first)
 * @param scriptedReply for benchmarks: the text every reply is made of instead of the sampled tokens (every forward
 *     pass still runs); empty for real answers
 */
public record LlmSettings(int maxNewTokens, double temperature, double topP, long seed, int contextTokens,
    List<String> stopStrings, boolean prefillWhileSpeaking, int prefillThreads, String scriptedReply) {
  public LlmSettings {
    stopStrings = List.copyOf(stopStrings);
    if (scriptedReply == null) scriptedReply = "";
  }

  /** Real answers, computing prompts ahead. */
  public LlmSettings(int maxNewTokens, double temperature, double topP, long seed, int contextTokens,
      List<String> stopStrings) {
    this(maxNewTokens, temperature, topP, seed, contextTokens, stopStrings, true, 0, "");
  }

  /** The settings of the {@code llm} config section. */
  public static LlmSettings of(LlmConfig llm) {
    return new LlmSettings(llm.maxNewTokens(), llm.temperature(), llm.topP(), llm.seed(), llm.contextTokens(),
        llm.stopStrings(), llm.prefillWhileSpeaking(), llm.prefillThreads(), llm.scriptedReply());
  }

  public LlmSettings withPrefillWhileSpeaking(boolean on) {
    return new LlmSettings(maxNewTokens, temperature, topP, seed, contextTokens, stopStrings, on, prefillThreads,
        scriptedReply);
  }

  public LlmSettings scripted(String reply) {
    return new LlmSettings(maxNewTokens, temperature, topP, seed, contextTokens, stopStrings, prefillWhileSpeaking,
        prefillThreads, reply);
  }

  /** The intra-op threads of prefill, given the model's {@code full} count. */
  int prefillThreads(int full) {
    return prefillThreads > 0 ? prefillThreads : Math.max(1, full - 1);
  }

  /** How one reply is decoded: greedy, or sampled with its own seed; {@code script} ids first when not null. */
  DecodeOptions decodeOptions(int[] script) {
    DecodeOptions greedy = DecodeOptions.greedy(maxNewTokens);
    if (script != null) return greedy.scripted(script);
    if (temperature == 0) return greedy;
    return greedy.sampling(temperature, topP, seed != 0 ? seed : System.nanoTime());
  }
}
