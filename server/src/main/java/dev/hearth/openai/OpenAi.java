package dev.hearth.openai;

import dev.hearth.config.OpenAiConfig;
import dev.hearth.store.StoreExecutor;
import dev.hearth.store.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything online, present only when a key is configured: the client, what is known about reaching it, the
 * spending caps, and the periodic probe ({@code GET /models}, first at start-up, off the start-up path).
 */
public final class OpenAi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenAi.class);

  private final OpenAiConfig config;
  private final OpenAiClient client;
  private final Spending spending;
  private final ScheduledFuture<?> probe;

  private OpenAi(OpenAiConfig config, OpenAiClient client, Spending spending, ScheduledExecutorService scheduler) {
    this.config = config;
    this.client = client;
    this.spending = spending;
    this.probe = config.probeIntervalSeconds() == 0 ? null
        : scheduler.scheduleWithFixedDelay(this::probeOnce, 0, config.probeIntervalSeconds(), TimeUnit.SECONDS);
  }

  /** Sets up the online services; reads today's spending from the store. Call only when {@code config.enabled()}. */
  public static OpenAi start(OpenAiConfig config, StoreExecutor<UsageStore> store, Clock clock, ZoneId zone,
      ScheduledExecutorService scheduler) {
    OpenAiClient client = new OpenAiClient(config.baseUrl(), config.apiKey(), new Connectivity(clock));
    log.info("OpenAI is configured at {} (chat model {})", config.baseUrl(), config.chatModel());
    return new OpenAi(config, client, new Spending(config, store, clock, zone), scheduler);
  }

  private void probeOnce() {
    client.probe(Duration.ofSeconds(10)).exceptionally(e -> {
      log.info("OpenAI is not usable now: {}", OpenAiClient.describe(e));
      return null;
    });
  }

  public OpenAiClient client() { return client; }
  public Spending spending() { return spending; }
  public OpenAiConfig config() { return config; }

  /** The fallback brain, with the spoken-style system prompt. */
  public OpenAiResponder responder(String systemPrompt) {
    return new OpenAiResponder(client, config, spending, systemPrompt);
  }

  /**
   * How long before a turn's deadline (of {@code deadlineMillis}) a provider asked before OpenAI gives way, so that
   * OpenAI still has time to begin: {@code openai.timeout_millis}, at most half the deadline; 0 (the whole deadline
   * is the other's) while OpenAI is not usable for turns.
   */
  public long reserveMillis(long deadlineMillis) {
    return usable(Spending.Budget.TURNS, 1) ? Math.min(config.timeoutMillis(), deadlineMillis / 2) : 0;
  }

  /** Whether OpenAI can take a paid request now: reachable (or not yet known otherwise) and with budget left. */
  public boolean usable(Spending.Budget budget, long amount) {
    return client.connectivity().usable() && spending.hasRoom(budget, amount);
  }

  /** The online parts of {@code /api/status}. */
  public Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("base_url", config.baseUrl());
    m.put("connectivity", client.connectivity().report());
    m.put("budget", spending.report());
    return m;
  }

  @Override
  public void close() {
    if (probe != null) probe.cancel(false);
  }
}
