package dev.hearth.llm.engine;

/**
 * How {@link Decoder} picks and stops.
 *
 * @param maxNewTokens stop after this many generated tokens
 * @param stopAtEos stop when an EOS id is produced (the EOS id is still reported)
 * @param temperature 0 for greedy (argmax), else logits are divided by it before sampling
 * @param topP sample only from the smallest set of ids whose probabilities sum to at least this (1 = all)
 * @param seed seed of the sampler's random numbers (sampling only)
 */
public record DecodeOptions(int maxNewTokens, boolean stopAtEos, double temperature, double topP, long seed) {
  public DecodeOptions {
    if (maxNewTokens < 0) throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
    if (temperature < 0) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
  }

  /** Greedy decoding of at most {@code maxNewTokens}, stopping at EOS. */
  public static DecodeOptions greedy(int maxNewTokens) {
    return new DecodeOptions(maxNewTokens, true, 0, 1, 0);
  }

  public DecodeOptions ignoringEos() {
    return new DecodeOptions(maxNewTokens, false, temperature, topP, seed);
  }

  public DecodeOptions sampling(double temperature, double topP, long seed) {
    return new DecodeOptions(maxNewTokens, stopAtEos, temperature, topP, seed);
  }
}
