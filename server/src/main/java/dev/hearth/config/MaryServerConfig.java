package dev.hearth.config;

/** The MaryTTS 5.x HTTP API, for clients of a MaryTTS server (Home Assistant's {@code marytts}, Rhasspy). */
public final class MaryServerConfig implements ConfigSection {
  @Setting(doc = "Serve MaryTTS's HTTP API (`/process`, `/voices`, ...) on `marytts_server.port`. See [docs/marytts.md](docs/marytts.md).")
  private boolean enabled = true;

  @Setting(doc = "Port of the MaryTTS API (0 picks a free port).")
  private int port = 59_125;

  @Override
  public String prefix() {
    return "marytts_server";
  }

  @Override
  public void validate() {
    Validation.range("marytts_server.port", port, 0, 65_535);
  }

  public boolean enabled() { return enabled; }
  public int port() { return port; }
}
