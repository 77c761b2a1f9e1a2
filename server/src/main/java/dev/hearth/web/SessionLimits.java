package dev.hearth.web;

import java.util.HashMap;
import java.util.Map;

/**
 * How many sessions one front end (a listener: {@code /ws}, a Wyoming port, vosk-server, {@code /v1} uploads) holds at
 * once, in all and per client address. A session is admitted with {@link #open} and freed by closing its
 * {@link Lease}; a session beyond either cap is refused at once with a {@link Refused} that says which setting to
 * change, so the front end can tell the client instead of leaving it waiting. Thread-safe.
 */
public final class SessionLimits {
  private final String frontEnd;
  private final int max;
  private final String maxSetting;
  private final int maxPerClient;
  private final String perClientSetting;
  private int total;
  private final Map<String, Integer> byClient = new HashMap<>();

  /**
   * @param frontEnd what the sessions are, for messages, e.g. {@code "/ws sessions"}
   * @param maxSetting the setting {@code max} comes from, named in the refusal
   * @param perClientSetting the setting {@code maxPerClient} comes from, named in the refusal
   */
  public SessionLimits(String frontEnd, int max, String maxSetting, int maxPerClient, String perClientSetting) {
    if (max < 1 || maxPerClient < 1) throw new IllegalArgumentException("limits must be at least 1");
    this.frontEnd = frontEnd;
    this.max = max;
    this.maxSetting = maxSetting;
    this.maxPerClient = maxPerClient;
    this.perClientSetting = perClientSetting;
  }

  /** Admits one more session of {@code client} (an address), or throws when the front end or the client is full. */
  public synchronized Lease open(String client) throws Refused {
    int mine = byClient.getOrDefault(client, 0);
    if (mine >= maxPerClient) {
      throw new Refused(true, perClientSetting, client + " already has " + mine + " " + frontEnd + " open, the most one address may hold ("
          + perClientSetting + "); close one and try again");
    }
    if (total >= max) {
      throw new Refused(false, maxSetting, "This server already has " + total + " " + frontEnd + " open, the most it serves at once ("
          + maxSetting + "); try again shortly");
    }
    total++;
    byClient.put(client, mine + 1);
    return new Lease(client);
  }

  /** Sessions open now. */
  public synchronized int open() {
    return total;
  }

  private synchronized void free(String client) {
    total--;
    byClient.computeIfPresent(client, (k, n) -> n > 1 ? n - 1 : null);
  }

  /** One admitted session; {@link #close} frees its place, once. */
  public final class Lease implements AutoCloseable {
    private final String client;
    private boolean closed;

    private Lease(String client) {
      this.client = client;
    }

    @Override
    public void close() {
      synchronized (SessionLimits.this) {
        if (closed) return;
        closed = true;
        free(client);
      }
    }
  }

  /** A session refused because the front end ({@code perClient} false) or its client address is full. */
  public static final class Refused extends Exception {
    private final boolean perClient;
    private final String setting;

    Refused(boolean perClient, String setting, String message) {
      super(message);
      this.perClient = perClient;
      this.setting = setting;
    }

    /** The code and the setting, short enough for a WebSocket close reason (at most 123 bytes). */
    public String reason() {
      return code() + " (" + setting + ")";
    }

    /** Whether the client's own cap refused it (answer 429), rather than the front end's (503). */
    public boolean perClient() {
      return perClient;
    }

    /** A short machine-readable code: {@code too_many_sessions_from_client} or {@code server_busy}. */
    public String code() {
      return perClient ? "too_many_sessions_from_client" : "server_busy";
    }
  }
}
