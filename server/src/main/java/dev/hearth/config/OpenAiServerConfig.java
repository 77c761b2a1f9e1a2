package dev.hearth.config;

import dev.hearth.config.Setting.Tier;
import java.util.List;

/** The OpenAI-compatible REST API under {@code /v1} on the server's own ports, for programs written against OpenAI's SDKs. */
public final class OpenAiServerConfig implements ConfigSection {
  @Setting(doc = "Serve an OpenAI-compatible API under `/v1` (transcriptions, speech, chat completions, models). See [docs/openai-api.md](docs/openai-api.md).")
  private boolean enabled = true;

  @Setting(doc = "Keys a `/v1` client must send (`Authorization: Bearer KEY`), comma-separated; empty accepts any key. Web pages of other origins may use `/v1` only when keys are set.")
  private List<String> apiKeys = List.of();

  @Setting(doc = "Largest audio upload to `/v1/audio/transcriptions`, in bytes (OpenAI's own limit is 25 MB).", tier = Tier.RARE)
  private long maxUploadBytes = 25L << 20;

  @Setting(doc = "Client addresses served, comma-separated IP addresses and CIDR ranges (e.g. `192.168.1.0/24`); empty serves every client. This machine (loopback) is always served.")
  private List<String> allowedClients = List.of();
  @Setting(doc = "Most `/v1` POST requests whose bodies are read at once (all clients together); more are answered 503 (`server_busy`, or 429 when one address holds them all) before their bodies are read. A chat body may be 33 MB, so 2 keeps a Pi's heap and Jetty's threads safe from slow or endless uploads.", tier = Tier.RARE)
  private int maxConcurrentUploads = 2;

  @Override
  public String prefix() {
    return "openai_server";
  }

  @Override
  public void validate() {
    ClientAddresses.parse("openai_server.allowed_clients", allowedClients);
    Validation.range("openai_server.max_upload_bytes", maxUploadBytes, 64 << 10, 1L << 30);
    Validation.range("openai_server.max_concurrent_uploads", maxConcurrentUploads, 1, 1_000);
    for (String key : apiKeys) {
      if (key.chars().anyMatch(c -> c <= ' ' || c > '~')) {
        throw new ConfigException("openai_server.api_keys: a key may hold only printable ASCII without spaces");
      }
    }
  }

  public boolean enabled() { return enabled; }
  public List<String> apiKeys() { return apiKeys; }
  public long maxUploadBytes() { return maxUploadBytes; }
  /** The clients served (openai_server.allowed_clients). */
  public ClientAddresses allowedClients() { return ClientAddresses.parse("openai_server.allowed_clients", allowedClients); }
  public int maxConcurrentUploads() { return maxConcurrentUploads; }
}
