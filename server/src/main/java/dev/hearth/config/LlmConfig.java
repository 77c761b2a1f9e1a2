package dev.hearth.config;

/** The local language model: which Hugging Face checkpoint folder runs, and where `hearth models pull` downloads from. */
public final class LlmConfig implements ConfigSection {
  @Setting(doc = "The local LLM: a name from `hearth models` or a checkpoint folder; empty uses the one chosen with `hearth models use`.",
      tier = Setting.Tier.ESSENTIAL)
  private String model = "";

  @Setting(doc = "Hugging Face hub for `hearth models pull`; empty uses `$HF_ENDPOINT`, else `https://huggingface.co` (a token comes from `$HF_TOKEN`).",
      tier = Setting.Tier.RARE)
  private String hubEndpoint = "";

  @Setting(doc = "Longest reply of the local LLM, in tokens (spoken answers are short).")
  private int maxNewTokens = 160;

  @Setting(doc = "Sampling temperature of the local LLM; 0 always picks the likeliest token (greedy).")
  private double temperature = 0.7;

  @Setting(doc = "Nucleus sampling: pick only from the likeliest tokens whose probabilities add up to this (1 = all).", tier = Setting.Tier.RARE)
  private double topP = 0.9;

  @Setting(doc = "Seed of the local LLM's sampler; 0 picks a new one for every reply.", tier = Setting.Tier.RARE)
  private long seed = 0;

  @Setting(doc = "Prompt plus reply must fit in this many tokens (the model's own window caps it); older turns are left out to fit.")
  private int contextTokens = 2048;

  @Setting(doc = "Text that ends the local LLM's reply where it appears, comma-separated.", tier = Setting.Tier.RARE)
  private java.util.List<String> stopStrings = java.util.List.of();

  @Setting(doc = "While a person speaks, compute the local LLM's prompt up to the words heard so far, so less is left on release.",
      tier = Setting.Tier.RARE)
  private boolean prefillWhileSpeaking = true;

  @Setting(doc = "Threads that compute the prompt ahead while a person speaks; 0: one fewer than the model's (at least 1), so speech recognition keeps a core.",
      tier = Setting.Tier.RARE)
  private int prefillThreads = 0;

  @Setting(doc = "For benchmarks only: the local LLM answers every question with this text, computing each of its tokens as it would a sampled one, so a random-weight model's turns are repeatable. Empty: off.",
      tier = Setting.Tier.RARE)
  private String scriptedReply = "";

  @Override
  public String prefix() {
    return "llm";
  }

  @Override
  public void validate() {
    Validation.range("llm.max_new_tokens", maxNewTokens, 1, 4096);
    Validation.range("llm.context_tokens", contextTokens, 256, 131_072);
    Validation.range("llm.prefill_threads", prefillThreads, 0, 256);
    if (!(temperature >= 0 && temperature <= 2)) throw new ConfigException("llm.temperature is " + temperature + "; use 0 (greedy) to 2");
    if (!(topP > 0 && topP <= 1)) throw new ConfigException("llm.top_p is " + topP + "; it must be above 0 and at most 1");
    if (contextTokens <= maxNewTokens) {
      throw new ConfigException("llm.context_tokens (" + contextTokens + ") must be larger than llm.max_new_tokens ("
          + maxNewTokens + "), or no prompt fits");
    }
    if (!hubEndpoint.isEmpty() && !hubEndpoint.matches("https?://[^/\\s]+(/\\S*)?")) {
      throw new ConfigException("llm.hub_endpoint is '" + hubEndpoint + "'; it must be an http:// or https:// address such as https://huggingface.co");
    }
  }

  /** The configured model name or folder, "" when none is set. */
  public String model() { return model; }

  public int maxNewTokens() { return maxNewTokens; }
  public double temperature() { return temperature; }
  public double topP() { return topP; }
  public long seed() { return seed; }
  public int contextTokens() { return contextTokens; }
  public java.util.List<String> stopStrings() { return stopStrings; }
  public boolean prefillWhileSpeaking() { return prefillWhileSpeaking; }

  public String scriptedReply() { return scriptedReply; }

  public int prefillThreads() { return prefillThreads; }

  /** The configured hub address, "" when none is set. */
  public String hubEndpoint() { return hubEndpoint; }
}
