package dev.hearth.config;

import dev.hearth.config.Setting.Tier;
import dev.hearth.speech.InputFormats;
import java.util.List;

/** The vosk-server WebSocket API (alphacep/vosk-server's {@code asr_server.py}), for its existing clients. */
public final class VoskServerConfig implements ConfigSection {
  @Setting(doc = "Serve vosk-server's WebSocket API on `vosk_server.port` (any path). See [docs/vosk-server.md](docs/vosk-server.md).")
  private boolean enabled = true;

  @Setting(doc = "Port of the vosk-server API (0 picks a free port).")
  private int port = 2700;

  @Setting(doc = "Sample rate assumed for a client that sends no `config`, in Hz (vosk-server's `VOSK_SAMPLE_RATE`).", tier = Tier.RARE)
  private int sampleRateHz = 8_000;

  @Setting(doc = "Largest WebSocket message a vosk-server client may send, in bytes (vosk-server's own limit is 1 MiB).", tier = Tier.RARE)
  private int maxMessageBytes = 1 << 20;

  @Setting(doc = "Client addresses served, comma-separated IP addresses and CIDR ranges (e.g. `192.168.1.0/24`); empty serves every client. This machine (loopback) is always served.")
  private List<String> allowedClients = List.of();
  @Setting(doc = "Most vosk-server connections open at once; more are closed with 1013 (try again later) and a reason naming this setting. Each holds a recognizer of 14-19 MB of native memory.", tier = Tier.RARE)
  private int maxSessions = 8;

  @Setting(doc = "Most vosk-server connections open at once from one client address; more are closed with 1013 and a reason naming this setting.", tier = Tier.RARE)
  private int maxSessionsPerClient = 4;

  @Setting(doc = "Once the server is ready for a vosk-server client's next message, or has sent it a result, the client has this long to send the whole message or take the result; else the connection is closed (1008). A message trickled a byte at a time, or a client that stops reading its results, cannot hold a connection.", tier = Tier.RARE)
  private long messageTimeoutMillis = 30_000;

  @Override
  public String prefix() {
    return "vosk_server";
  }

  @Override
  public void validate() {
    ClientAddresses.parse("vosk_server.allowed_clients", allowedClients);
    Validation.range("vosk_server.port", port, 0, 65_535);
    Validation.range("vosk_server.sample_rate_hz", sampleRateHz, InputFormats.MIN_RATE_HZ, InputFormats.MAX_RATE_HZ);
    Validation.range("vosk_server.max_message_bytes", maxMessageBytes, 4_096, 16 << 20);
    Validation.range("vosk_server.max_sessions", maxSessions, 1, 1_024);
    Validation.range("vosk_server.max_sessions_per_client", maxSessionsPerClient, 1, 1_024);
    Validation.range("vosk_server.message_timeout_millis", messageTimeoutMillis, 100, 3_600_000);
  }

  public boolean enabled() { return enabled; }
  public int port() { return port; }
  public int sampleRateHz() { return sampleRateHz; }
  public int maxMessageBytes() { return maxMessageBytes; }
  /** The clients served (vosk_server.allowed_clients). */
  public ClientAddresses allowedClients() { return ClientAddresses.parse("vosk_server.allowed_clients", allowedClients); }
  public int maxSessions() { return maxSessions; }
  public int maxSessionsPerClient() { return maxSessionsPerClient; }
  public long messageTimeoutMillis() { return messageTimeoutMillis; }
}
