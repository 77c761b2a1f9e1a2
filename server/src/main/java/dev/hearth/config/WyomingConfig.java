package dev.hearth.config;

import java.util.List;

import dev.hearth.config.Setting.Tier;

/** The Wyoming protocol (Home Assistant's voice services): speech to text and text to speech over TCP. */
public final class WyomingConfig implements ConfigSection {
  @Setting(doc = "Serve speech to text and text to speech to Home Assistant over the Wyoming protocol. See [docs/wyoming.md](docs/wyoming.md).")
  private boolean enabled = true;

  @Setting(doc = "Wyoming speech-to-text port (0 picks a free port).")
  private int port = 10_300;

  @Setting(doc = "Wyoming text-to-speech port (0 picks a free port; -1 serves text to speech on `wyoming.port` too).")
  private int ttsPort = 10_200;

  @Setting(doc = "Announce the Wyoming services on the home network (zeroconf `_wyoming._tcp.local.`), so Home Assistant finds them.")
  private boolean zeroconf = true;

  @Setting(doc = "Name announced over zeroconf; empty uses `hearth-<host name>`.", tier = Tier.RARE)
  private String zeroconfName = "";

  @Setting(doc = "Most Wyoming connections served at once on each port; more are refused with an `error` event (`server_busy`). Each speech-to-text connection can hold a recognizer of 14-19 MB, so 8 per port keeps a Pi's memory safe while serving several satellites.", tier = Tier.RARE)
  private int maxConnections = 8;

  @Setting(doc = "Most Wyoming connections one client address holds on each port; more are refused with an `error` event (`too_many_sessions_from_client`), so one misbehaving device leaves room for the others.", tier = Tier.RARE)
  private int maxConnectionsPerClient = 6;

  @Setting(doc = "An event must arrive in full (header, data and payload) within this many milliseconds of its first byte, or the connection is closed with `event_timeout`; a client trickling bytes cannot hold a slot.", tier = Tier.RARE)
  private long eventDeadlineMillis = 10_000;

  @Setting(doc = "A connection whose client does not read what the server sends for this many milliseconds is closed, freeing its slot and its synthesis.", tier = Tier.RARE)
  private long writeTimeoutMillis = 10_000;

  @Setting(doc = "Most characters of a `synthesize-chunk` stream kept while no sentence has ended; more is refused with `text_too_long` (minutes of speech; a real sentence is far shorter).", tier = Tier.RARE)
  private int maxStreamTextChars = 4_000;

  @Setting(doc = "Largest data block or audio payload of one Wyoming event, in bytes; a larger one closes the connection.", tier = Tier.RARE)
  private int maxEventBytes = 1 << 20;

  @Setting(doc = "Client addresses served, comma-separated IP addresses and CIDR ranges (e.g. `192.168.1.0/24`); empty serves every client. This machine (loopback) is always served.")
  private List<String> allowedClients = List.of();

  @Override
  public String prefix() {
    return "wyoming";
  }

  @Override
  public void validate() {
    ClientAddresses.parse("wyoming.allowed_clients", allowedClients);
    Validation.range("wyoming.port", port, 0, 65_535);
    Validation.range("wyoming.tts_port", ttsPort, -1, 65_535);
    Validation.range("wyoming.max_connections", maxConnections, 1, 1_024);
    Validation.range("wyoming.max_event_bytes", maxEventBytes, 4_096, 64 << 20);
    Validation.range("wyoming.max_connections_per_client", maxConnectionsPerClient, 1, 1_024);
    Validation.range("wyoming.event_deadline_millis", eventDeadlineMillis, 100, 600_000);
    Validation.range("wyoming.write_timeout_millis", writeTimeoutMillis, 100, 600_000);
    Validation.range("wyoming.max_stream_text_chars", maxStreamTextChars, 100, 1_000_000);
    if (port != 0 && ttsPort == port) ttsPort = -1;
  }

  public boolean enabled() { return enabled; }
  public int port() { return port; }
  /** The text-to-speech port, or -1 when {@link #port()} serves both. */
  public int ttsPort() { return ttsPort; }
  public boolean zeroconf() { return zeroconf; }
  public String zeroconfName() { return zeroconfName; }
  public int maxConnections() { return maxConnections; }
  public int maxEventBytes() { return maxEventBytes; }
  /** The clients served (wyoming.allowed_clients). */
  public ClientAddresses allowedClients() { return ClientAddresses.parse("wyoming.allowed_clients", allowedClients); }
  public int maxConnectionsPerClient() { return maxConnectionsPerClient; }
  public long eventDeadlineMillis() { return eventDeadlineMillis; }
  public long writeTimeoutMillis() { return writeTimeoutMillis; }
  public int maxStreamTextChars() { return maxStreamTextChars; }
}
