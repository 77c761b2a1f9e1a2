package dev.hearth.config;

import dev.hearth.config.Setting.Tier;
import java.util.List;
import java.util.regex.Pattern;

/** The HTTP and WebSocket edge. */
public final class ServerConfig implements ConfigSection {
  /** {@code scheme://host[:port]}, the form of a browser's Origin header; IPv6 hosts in brackets. */
  private static final Pattern ORIGIN = Pattern.compile("(?i)https?://(\\[[0-9a-f:.]+\\]|[a-z0-9.-]+)(:[0-9]{1,5})?");

  @Setting(doc = "HTTP port for the page, `/api` and `/ws` (0 picks a free port).", tier = Tier.ESSENTIAL)
  private int port = 8080;

  @Setting(doc = "Address to listen on (`0.0.0.0` for the whole home network, `127.0.0.1` for this machine only).", tier = Tier.ESSENTIAL)
  private String host = "0.0.0.0";

  @Setting(doc = "Largest binary audio frame accepted on `/ws`, in bytes; larger frames get `frame_too_large` (over twice this the socket closes with 1009).", tier = Tier.RARE)
  private int maxFrameBytes = 1 << 20;

  @Setting(doc = "Interval between the server's WebSocket pings, in milliseconds; shorter than `server.idle_timeout_millis`.", tier = Tier.RARE)
  private long pingIntervalMillis = 15_000;

  @Setting(doc = "A WebSocket whose client has sent nothing this long (no frames, no pongs) is closed, in milliseconds; checked at each ping.", tier = Tier.RARE)
  private long idleTimeoutMillis = 120_000;

  @Setting(doc = "Largest text (JSON) frame accepted on `/ws`, in bytes; larger ones get `frame_too_large` and the socket stays open (up to 2 MiB, beyond which the socket closes with 1009).", tier = Tier.RARE)
  private int maxTextBytes = 64 << 10;

  @Setting(doc = "A WebSocket whose client has not read what the server sent for this long is closed, in milliseconds; checked at each ping, so a client that stops reading a long answer is gone within this plus `server.ping_interval_millis`.", tier = Tier.RARE)
  private long writeTimeoutMillis = 20_000;

  @Setting(doc = "Most `/ws` sockets open at once; more get an `error` (`server_busy`) and are closed with 1013. Each listening socket can hold a recognizer of 14-19 MB of native memory.", tier = Tier.RARE)
  private int maxSessions = 16;

  @Setting(doc = "Most `/ws` sockets open at once from one client address; more get an `error` (`too_many_sessions_from_client`) and are closed with 1013. 10 leaves room for the machine's own `hearth bench --clients 8` and `scripts/soak` (eight clients and a canary).", tier = Tier.RARE)
  private int maxSessionsPerClient = 10;

  @Setting(doc = "A request body (an upload to `/v1`, `/api`) arriving slower than this on average, in bytes per second, is cut off with 408; a body trickled a byte at a time cannot hold one of Jetty's threads. Far below any real client, even on weak Wi-Fi.", tier = Tier.RARE)
  private long minRequestBytesPerSecond = 128;

  @Setting(doc = "More web origins allowed to open `/ws` and change data through `/api`, comma-separated (e.g. `https://hearth.example.com` behind a reverse proxy); this server's own names and ports are always allowed.")
  private List<String> allowedOrigins = List.of();

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
    Validation.range("server.max_text_bytes", maxTextBytes, 4_096, 1 << 20);
    Validation.range("server.write_timeout_millis", writeTimeoutMillis, 1_000, 600_000);
    Validation.range("server.max_sessions", maxSessions, 1, 10_000);
    Validation.range("server.min_request_bytes_per_second", minRequestBytesPerSecond, 0, 1 << 20);
    Validation.range("server.max_sessions_per_client", maxSessionsPerClient, 1, 10_000);
    if (pingIntervalMillis >= idleTimeoutMillis) {
      throw new ConfigException("server.ping_interval_millis (" + pingIntervalMillis + ") must be shorter than"
          + " server.idle_timeout_millis (" + idleTimeoutMillis + "): a client is heard through its answers to the"
          + " pings, so with fewer than one ping per idle timeout a live socket would be closed");
    }
    if (host.isBlank()) throw new ConfigException("server.host is empty; use 0.0.0.0 to listen on every address");
    for (String origin : allowedOrigins) {
      if (!ORIGIN.matcher(origin).matches()) {
        throw new ConfigException("server.allowed_origins: '" + origin + "' is not an origin; write scheme://host[:port]"
            + " with no path, e.g. https://hearth.example.com or http://192.168.1.20:8080");
      }
    }
  }

  public int port() { return port; }
  public String host() { return host; }
  public int maxFrameBytes() { return maxFrameBytes; }
  public long pingIntervalMillis() { return pingIntervalMillis; }
  public long idleTimeoutMillis() { return idleTimeoutMillis; }
  public List<String> allowedOrigins() { return allowedOrigins; }
  public int maxTextBytes() { return maxTextBytes; }
  public long writeTimeoutMillis() { return writeTimeoutMillis; }
  public int maxSessions() { return maxSessions; }
  public long minRequestBytesPerSecond() { return minRequestBytesPerSecond; }
  public int maxSessionsPerClient() { return maxSessionsPerClient; }
}
