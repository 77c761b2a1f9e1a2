package dev.hearth.config;

import dev.hearth.config.Setting.Tier;

/** The HTTP and WebSocket edge. */
public final class ServerConfig implements ConfigSection {
  @Setting(doc = "HTTP port for the page, `/api` and `/ws` (0 picks a free port).", tier = Tier.ESSENTIAL)
  private int port = 8080;

  @Setting(doc = "Address to listen on (`0.0.0.0` for the whole home network, `127.0.0.1` for this machine only).", tier = Tier.ESSENTIAL)
  private String host = "0.0.0.0";

  @Setting(doc = "Largest binary audio frame accepted on `/ws`, in bytes; larger frames get `frame_too_large`.", tier = Tier.RARE)
  private int maxFrameBytes = 1 << 20;

  @Setting(doc = "Interval between the server's WebSocket pings, in milliseconds.", tier = Tier.RARE)
  private long pingIntervalMillis = 15_000;

  @Setting(doc = "A WebSocket silent this long (no frames, no pongs) is closed, in milliseconds.", tier = Tier.RARE)
  private long idleTimeoutMillis = 120_000;

  @Override
  public String prefix() {
    return "server";
  }

  @Override
  public void validate() {
    Validation.range("server.port", port, 0, 65_535);
    Validation.range("server.max_frame_bytes", maxFrameBytes, 1024, 8 << 20);
    Validation.range("server.ping_interval_millis", pingIntervalMillis, 1_000, 600_000);
    Validation.range("server.idle_timeout_millis", idleTimeoutMillis, 5_000, 86_400_000);
    if (host.isBlank()) throw new ConfigException("server.host is empty; use 0.0.0.0 to listen on every address");
  }

  public int port() { return port; }
  public String host() { return host; }
  public int maxFrameBytes() { return maxFrameBytes; }
  public long pingIntervalMillis() { return pingIntervalMillis; }
  public long idleTimeoutMillis() { return idleTimeoutMillis; }
}
