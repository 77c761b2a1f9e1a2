package dev.hearth.config;

import dev.hearth.config.Setting.Tier;
import java.net.URI;
import java.net.URISyntaxException;

/** OpenAI, or any server that speaks its API: the fallback brain, audio messages and live mode. All off without a key. */
public final class OpenAiConfig implements ConfigSection {
  @Setting(doc = "API key; everything online stays off without one. Also read from `$OPENAI_API_KEY`. Never sent to a browser.",
      tier = Tier.ESSENTIAL, env = "OPENAI_API_KEY")
  private String apiKey = "";

  @Setting(doc = "Where the API is, including `/v1`: another OpenAI-compatible server (vLLM, llama.cpp's server, Ollama) works too. Also read from `$OPENAI_BASE_URL`.",
      env = "OPENAI_BASE_URL")
  private String baseUrl = "https://api.openai.com/v1";

  @Setting(doc = "Chat Completions model that answers what the skills and the local model cannot.")
  private String chatModel = "gpt-4o-mini";

  @Setting(doc = "Longest OpenAI reply, in tokens: sent as `max_completion_tokens` to api.openai.com (its reasoning models refuse `max_tokens`), as `max_tokens` to other servers.", tier = Tier.RARE)
  private int maxTokens = 300;

  @Setting(doc = "How long OpenAI may take to start answering, and to go on when it stalls, before the turn moves on, in milliseconds.")
  private long timeoutMillis = 4_000;

  @Setting(doc = "How often the server checks that OpenAI is reachable (`GET /models`), in seconds; 0 checks only by real calls.", tier = Tier.RARE)
  private int probeIntervalSeconds = 300;

  @Setting(doc = "Send the recorded push-to-talk audio itself to a model that hears (Chat Completions with `input_audio`) and play its spoken answer.")
  private boolean audioMessages = false;

  @Setting(doc = "Model for audio messages.", tier = Tier.RARE)
  private String audioModel = "gpt-4o-audio-preview";

  @Setting(doc = "Voice of audio-message answers.", tier = Tier.RARE)
  private String audioVoice = "alloy";

  @Setting(doc = "Offer live mode (OpenAI Realtime over WebRTC) on the page; false removes it (`/api/live/*` answers 404).")
  private boolean live = true;

  @Setting(doc = "Realtime model of live mode.", tier = Tier.RARE)
  private String liveModel = "gpt-realtime";

  @Setting(doc = "Voice of live mode.", tier = Tier.RARE)
  private String liveVoice = "marin";

  @Setting(doc = "Model that transcribes the user's speech in live mode (the transcripts go into the history).", tier = Tier.RARE)
  private String liveTranscriptionModel = "gpt-4o-mini-transcribe";

  @Setting(doc = "Longest live session, in seconds; the server ends it then.")
  private int liveMaxSeconds = 600;

  @Setting(doc = "How long a live session may wait for its call to start, in milliseconds; then it ends and its reservation of the day's live budget comes back (without the relay, the page's key expires then too).", tier = Tier.RARE)
  private long liveStartTimeoutMillis = 30_000;

  @Setting(doc = "Most live sessions one client (address) may have waiting for their call to start; another is refused (429 with `Retry-After`) until one starts or ends.", tier = Tier.RARE)
  private int livePendingPerClient = 2;

  @Setting(doc = "The server relays the page's WebRTC offer to OpenAI itself, so not even a short-lived key reaches the page; false hands the page an ephemeral key.", tier = Tier.RARE)
  private boolean liveRelay = true;

  @Setting(doc = "Most OpenAI-answered turns per day (all clients together); then the server answers offline.")
  private int dailyTurns = 500;

  @Setting(doc = "Most minutes of live mode per day (all clients together).")
  private int dailyLiveMinutes = 60;

  @Setting(doc = "Most requests that spend OpenAI money per minute from one client (address).", tier = Tier.RARE)
  private int clientRequestsPerMinute = 10;

  @Setting(doc = "Most requests that spend OpenAI money per minute, all clients together.", tier = Tier.RARE)
  private int requestsPerMinute = 30;

  @Override
  public String prefix() {
    return "openai";
  }

  @Override
  public void validate() {
    URI uri;
    try {
      uri = new URI(baseUrl.strip());
    } catch (URISyntaxException e) {
      throw new ConfigException("openai.base_url is not a URL: '" + baseUrl + "'");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new ConfigException("openai.base_url must be an http:// or https:// URL with a host, like https://api.openai.com/v1, not '"
          + baseUrl + "'");
    }
    Validation.range("openai.max_tokens", maxTokens, 1, 16_384);
    Validation.range("openai.timeout_millis", timeoutMillis, 100, 120_000);
    Validation.range("openai.probe_interval_seconds", probeIntervalSeconds, 0, 86_400);
    Validation.range("openai.live_max_seconds", liveMaxSeconds, 10, 7_200);
    Validation.range("openai.live_start_timeout_millis", liveStartTimeoutMillis, 10_000, 300_000);
    Validation.range("openai.live_pending_per_client", livePendingPerClient, 1, 100);
    Validation.range("openai.daily_turns", dailyTurns, 0, 1_000_000);
    Validation.range("openai.daily_live_minutes", dailyLiveMinutes, 0, 1_440 * 10);
    Validation.range("openai.client_requests_per_minute", clientRequestsPerMinute, 1, 10_000);
    Validation.range("openai.requests_per_minute", requestsPerMinute, 1, 100_000);
  }

  /** Whether a key is configured: nothing online happens without one. */
  public boolean enabled() { return !apiKey.isBlank(); }
  public String apiKey() { return apiKey.strip(); }
  /** The base URL without a trailing slash, e.g. {@code https://api.openai.com/v1}. */
  public String baseUrl() { return baseUrl.strip().replaceAll("/+$", ""); }
  /** Whether {@link #baseUrl()} is OpenAI's own API ({@code api.openai.com}) rather than a compatible server. */
  public boolean isOpenAiItself() { return "api.openai.com".equalsIgnoreCase(URI.create(baseUrl()).getHost()); }
  public String chatModel() { return chatModel; }
  public int maxTokens() { return maxTokens; }
  public long timeoutMillis() { return timeoutMillis; }
  public int probeIntervalSeconds() { return probeIntervalSeconds; }
  public boolean audioMessages() { return audioMessages; }
  public String audioModel() { return audioModel; }
  public String audioVoice() { return audioVoice; }
  public boolean live() { return live; }
  public String liveModel() { return liveModel; }
  public String liveVoice() { return liveVoice; }
  public String liveTranscriptionModel() { return liveTranscriptionModel; }
  public int liveMaxSeconds() { return liveMaxSeconds; }
  public boolean liveRelay() { return liveRelay; }
  public long liveStartTimeoutMillis() { return liveStartTimeoutMillis; }
  public int livePendingPerClient() { return livePendingPerClient; }
  public int dailyTurns() { return dailyTurns; }
  public int dailyLiveMinutes() { return dailyLiveMinutes; }
  public int clientRequestsPerMinute() { return clientRequestsPerMinute; }
  public int requestsPerMinute() { return requestsPerMinute; }
}
