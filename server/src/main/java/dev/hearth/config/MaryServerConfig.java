package dev.hearth.config;

import java.util.List;

/** The MaryTTS 5.x HTTP API, for clients of a MaryTTS server (Home Assistant's {@code marytts}, Rhasspy). */
public final class MaryServerConfig implements ConfigSection {
  @Setting(doc = "Serve MaryTTS's HTTP API (`/process`, `/voices`, ...) on `marytts_server.port`. See [docs/marytts.md](docs/marytts.md).")
  private boolean enabled = true;

  @Setting(doc = "Port of the MaryTTS API (0 picks a free port).")
  private int port = 59_125;

  @Setting(doc = "Client addresses served, comma-separated IP addresses and CIDR ranges (e.g. `192.168.1.0/24`); empty serves every client. This machine (loopback) is always served.")
  private List<String> allowedClients = List.of();

  @Override
  public String prefix() {
    return "marytts_server";
  }

  @Override
  public void validate() {
    ClientAddresses.parse("marytts_server.allowed_clients", allowedClients);
    Validation.range("marytts_server.port", port, 0, 65_535);
  }

  public boolean enabled() { return enabled; }
  public int port() { return port; }
  /** The clients served (marytts_server.allowed_clients). */
  public ClientAddresses allowedClients() { return ClientAddresses.parse("marytts_server.allowed_clients", allowedClients); }
}
