package dev.hearth.config;

import dev.hearth.config.Setting.Tier;
import java.util.List;

/** The MaryTTS 5.x HTTP API, for clients of a MaryTTS server (Home Assistant's {@code marytts}, Rhasspy). */
public final class MaryServerConfig implements ConfigSection {
  @Setting(doc = "Serve MaryTTS's HTTP API (`/process`, `/voices`, ...) on `marytts_server.port`. See [docs/marytts.md](docs/marytts.md).")
  private boolean enabled = true;

  @Setting(doc = "Port of the MaryTTS API (0 picks a free port).")
  private int port = 59_125;

  @Setting(doc = "Client addresses served, comma-separated IP addresses and CIDR ranges (e.g. `192.168.1.0/24`); empty serves every client. This machine (loopback) is always served.")
  private List<String> allowedClients = List.of();

  @Setting(doc = "Connections the MaryTTS API holds open at once; more wait to be accepted, so a flood of idle connections cannot use up the server's files.", tier = Tier.RARE)
  private int maxConnections = 64;

  @Setting(doc = "`/process` requests one client address may have in progress or waiting at once; more are answered 503 with `Retry-After`, so one client cannot fill the queue that the others wait in.", tier = Tier.RARE)
  private int maxRequestsPerClient = 4;

  @Override
  public String prefix() {
    return "marytts_server";
  }

  @Override
  public void validate() {
    ClientAddresses.parse("marytts_server.allowed_clients", allowedClients);
    Validation.range("marytts_server.port", port, 0, 65_535);
    Validation.range("marytts_server.max_connections", maxConnections, 1, 10_000);
    Validation.range("marytts_server.max_requests_per_client", maxRequestsPerClient, 1, 10_000);
  }

  public boolean enabled() { return enabled; }
  public int port() { return port; }
  public int maxConnections() { return maxConnections; }
  public int maxRequestsPerClient() { return maxRequestsPerClient; }
  /** The clients served (marytts_server.allowed_clients). */
  public ClientAddresses allowedClients() { return ClientAddresses.parse("marytts_server.allowed_clients", allowedClients); }
}
