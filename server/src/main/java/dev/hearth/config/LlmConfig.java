package dev.hearth.config;

/** The local language model: which Hugging Face checkpoint folder runs, and where `hearth models pull` downloads from. */
public final class LlmConfig implements ConfigSection {
  @Setting(doc = "The local LLM: a name from `hearth models` or a checkpoint folder; empty uses the one chosen with `hearth models use`.",
      tier = Setting.Tier.ESSENTIAL)
  private String model = "";

  @Setting(doc = "Hugging Face hub for `hearth models pull`; empty uses `$HF_ENDPOINT`, else `https://huggingface.co` (a token comes from `$HF_TOKEN`).",
      tier = Setting.Tier.RARE)
  private String hubEndpoint = "";

  @Override
  public String prefix() {
    return "llm";
  }

  @Override
  public void validate() {
    if (!hubEndpoint.isEmpty() && !hubEndpoint.matches("https?://[^/\\s]+(/\\S*)?")) {
      throw new ConfigException("llm.hub_endpoint is '" + hubEndpoint + "'; it must be an http:// or https:// address such as https://huggingface.co");
    }
  }

  /** The configured model name or folder, "" when none is set. */
  public String model() { return model; }

  /** The configured hub address, "" when none is set. */
  public String hubEndpoint() { return hubEndpoint; }
}
