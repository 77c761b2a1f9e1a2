package dev.hearth.llm.engine;

/**
 * How {@link Decoder} picks and stops.
 *
 * @param maxNewTokens stop after this many generated tokens
 * @param stopAtEos stop when an EOS id is produced (the EOS id is still reported)
 * @param temperature 0 for greedy (argmax), else logits are divided by it before sampling
 * @param topP sample only from the smallest set of ids whose probabilities sum to at least this (1 = all)
 * @param seed seed of the sampler's random numbers (sampling only)
 * @param script ids emitted in this order instead of picked ones, each still computed by a forward pass as a picked one
 *     is (for repeatable benchmarks of random-weight models); after it ends, picking goes on; null for none
 */
public record DecodeOptions(int maxNewTokens, boolean stopAtEos, double temperature, double topP, long seed,
    int[] script) {
  public DecodeOptions {
    if (maxNewTokens < 0) throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
    if (temperature < 0) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
  }

  /** Greedy decoding of at most {@code maxNewTokens}, stopping at EOS. */
  public static DecodeOptions greedy(int maxNewTokens) {
    return new DecodeOptions(maxNewTokens, true, 0, 1, 0, null);
  }

  public DecodeOptions ignoringEos() {
    return new DecodeOptions(maxNewTokens, false, temperature, topP, seed, script);
  }

  public DecodeOptions sampling(double temperature, double topP, long seed) {
    return new DecodeOptions(maxNewTokens, stopAtEos, temperature, topP, seed, script);
  }

  /** These options, emitting {@code ids} first (see {@link #script}). */
  public DecodeOptions scripted(int[] ids) {
    return new DecodeOptions(maxNewTokens, stopAtEos, temperature, topP, seed, ids.clone());
  }
}
