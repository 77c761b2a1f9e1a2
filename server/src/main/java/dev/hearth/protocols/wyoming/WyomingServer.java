package dev.hearth.protocols.wyoming;

import dev.hearth.protocols.ProtocolServer;
import dev.hearth.config.ClientAddresses;
import dev.hearth.config.WyomingConfig;
import dev.hearth.sched.FrontEnd;
import dev.hearth.tls.ServerNames;
import dev.hearth.tts.TextToSpeech;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Home Assistant's Wyoming protocol over TCP: speech to text on one port (10300), text to speech on another (10200),
 * or both on one. Each port's {@code info} lists only what it is for, so Home Assistant makes one entity per service;
 * every port answers every event. One acceptor thread per port; each connection gets its own thread that only reads
 * it, at most {@code wyoming.max_connections} at once on each port and {@code wyoming.max_connections_per_client} from
 * one address; more are refused at once with an {@code error} event, so a crowd on one port never blocks the other.
 * Each connection's events are answered in order by its {@link WyomingSession} on the app's request threads, with the
 * model work on Wyoming's lanes of the recognition and speech threads; nothing waits for a model. A watchdog thread
 * closes connections whose client stops reading. See docs/wyoming.md.
 */
public final class WyomingServer implements ProtocolServer {
  private static final Logger log = LoggerFactory.getLogger(WyomingServer.class);
  /** A connection with nothing to read for this long is closed. */
  public static final int IDLE_MILLIS = 60_000;
  private static final long JOIN_MILLIS = 2_000;

  /**
   * What the server speaks with.
   *
   * @param recognizers opens a Vosk recognizer per transcription
   * @param sttModel the Vosk model's name, for {@code info}
   * @param sttLanguage the model's language (ISO 639-1), for {@code info} and to check {@code transcribe}
   * @param maxUtteranceMillis the longest audio of one transcription
   * @param tts the speech synthesizer and its voices
   * @param frontEnd Wyoming's share of the recognition and speech threads
   * @param version Hearth's version, for {@code info}
   */
  public record Speech(RecognizerSource recognizers, String sttModel, String sttLanguage, long maxUtteranceMillis,
      TextToSpeech tts, FrontEnd frontEnd, String version) {}

  /**
   * Where and how to listen.
   *
   * @param host the address to bind, e.g. {@code 0.0.0.0}
   * @param sttPort the speech-to-text port (0 for a free one)
   * @param ttsPort the text-to-speech port (0 for a free one), or -1 to serve both on {@code sttPort}
   * @param limits what one port and one connection may hold
   * @param zeroconfName the name announced (with {@code -stt}/{@code -tts} when there are two ports)
   */
  public record Settings(String host, int sttPort, int ttsPort, Limits limits, String zeroconfName) {

    /** The settings of {@code config}, listening on {@code host}; the announced name defaults to {@code hearth-<hostname>}. */
    public static Settings of(WyomingConfig config, String host, String hostname) {
      String name = config.zeroconfName().isEmpty() ? "hearth-" + hostname : config.zeroconfName();
      return new Settings(host, config.port(), config.ttsPort(), Limits.of(config), name);
    }
  }

  /**
   * What each port and each connection may hold.
   *
   * @param maxConnections most connections served at once on each port; more are refused with an error event
   * @param maxPerClient most connections one client address holds on each port
   * @param maxEventBytes largest data block or payload of one event, in bytes
   * @param maxStreamTextChars most characters of a {@code synthesize-chunk} stream held with no sentence end
   * @param idleMillis a connection with no event for this long is closed
   * @param eventDeadlineMillis an event must arrive in full this long after its first byte
   * @param writeTimeoutMillis a connection whose client does not read one event for this long is closed
   */
  public record Limits(int maxConnections, int maxPerClient, int maxEventBytes, int maxStreamTextChars, int idleMillis,
      long eventDeadlineMillis, long writeTimeoutMillis) {

    /** The limits of {@code config}. */
    public static Limits of(WyomingConfig config) {
      return new Limits(config.maxConnections(), config.maxConnectionsPerClient(), config.maxEventBytes(),
          config.maxStreamTextChars(), IDLE_MILLIS, config.eventDeadlineMillis(), config.writeTimeoutMillis());
    }
  }

  private final Settings settings;
  private final Speech speech;
  private final Announcer announcer;
  private final ClientAddresses clients;
  private final List<ServerSocket> listeners = new ArrayList<>();
  private final List<WyomingPort> served = new ArrayList<>();
  private final ScheduledExecutorService watchdog;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private volatile boolean closed;

  private WyomingServer(Settings settings, Speech speech, Announcer announcer, ClientAddresses clients) {
    this.settings = settings;
    this.speech = speech;
    this.announcer = announcer;
    this.clients = clients;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hearth-wyoming-watchdog");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(50, Math.min(1_000, settings.limits().writeTimeoutMillis() / 4));
    watchdog.scheduleWithFixedDelay(this::closeStalled, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the server {@code config} describes on {@code host}, announced over zeroconf when {@code wyoming.zeroconf}
   * is on (on {@code host}, or on the first LAN IPv4 address when {@code host} is a wildcard).
   */
  public static WyomingServer start(WyomingConfig config, String host, ServerNames names, Speech speech) throws IOException {
    Settings settings = Settings.of(config, host, names.hostname());
    Announcer announcer = Announcer.NONE;
    if (config.zeroconf()) {
      Optional<InetAddress> address = JmdnsAnnouncer.addressFor(host, names.lanAddresses());
      if (address.isPresent()) {
        announcer = new JmdnsAnnouncer(address.get(), settings.zeroconfName().replaceAll("[^A-Za-z0-9-]", "-"));
      } else {
        log.warn("Wyoming is not announced over zeroconf: no IPv4 address to announce for server.host {}; add it in "
            + "Home Assistant by host and port, or set wyoming.zeroconf=false", host);
      }
    }
    return start(settings, speech, announcer, config.allowedClients());
  }

  /**
   * Binds the port(s), starts accepting and announces each port with {@code announcer} (whose failures are only
   * logged); throws when a port cannot be bound.
   */
  public static WyomingServer start(Settings settings, Speech speech, Announcer announcer) throws IOException {
    return start(settings, speech, announcer, ClientAddresses.ANY);
  }

  /** As {@link #start(Settings, Speech, Announcer)}, serving only {@code clients} (others are closed at once). */
  public static WyomingServer start(Settings settings, Speech speech, Announcer announcer, ClientAddresses clients)
      throws IOException {
    WyomingServer server = new WyomingServer(settings, speech, announcer, clients);
    try {
      server.listen();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void listen() throws IOException {
    WyomingInfo.Programs programs = new WyomingInfo.Programs(speech.version(), speech.sttModel(), speech.sttLanguage(),
        speech.tts().voices());
    boolean shared = settings.ttsPort() < 0;
    ServerSocket stt = bind(settings.sttPort(), "wyoming.port");
    ports.put("stt", stt.getLocalPort());
    accept(stt, shared ? "stt+tts" : "stt", WyomingInfo.event(programs, true, shared));
    if (shared) {
      ports.put("tts", stt.getLocalPort());
      announcer.announce(settings.zeroconfName(), stt.getLocalPort());
      return;
    }
    ServerSocket tts = bind(settings.ttsPort(), "wyoming.tts_port");
    ports.put("tts", tts.getLocalPort());
    accept(tts, "tts", WyomingInfo.event(programs, false, true));
    announcer.announce(settings.zeroconfName() + "-stt", stt.getLocalPort());
    announcer.announce(settings.zeroconfName() + "-tts", tts.getLocalPort());
  }

  private ServerSocket bind(int port, String setting) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    try {
      socket.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), port), 50);
    } catch (IOException e) {
      socket.close();
      throw new IOException("Wyoming cannot listen on " + settings.host() + ":" + port + " (" + e.getMessage()
          + "); choose another " + setting + ", or set wyoming.enabled=false", e);
    }
    listeners.add(socket);
    return socket;
  }

  private void accept(ServerSocket listener, String what, WyomingEvent info) {
    WyomingPort port = new WyomingPort(listener, what, new WyomingConnection.Context(speech, info, settings.limits()),
        clients);
    served.add(port);
    port.start();
  }

  /** Closes the connections whose client has not read what was sent for the write timeout. */
  private void closeStalled() {
    long now = System.nanoTime();
    for (WyomingPort port : served) {
      try {
        port.closeStalled(now);
      } catch (RuntimeException e) {
        log.warn("Wyoming write watchdog failed", e); // a thrown exception would cancel every later check
      }
    }
  }

  @Override
  public String name() {
    return "wyoming";
  }

  @Override
  public Map<String, Integer> ports() {
    return Map.copyOf(ports);
  }

  /** Stops accepting, withdraws the announcements, ends open connections and waits briefly for their threads. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    watchdog.shutdownNow();
    for (ServerSocket listener : listeners) WyomingPort.closeQuietly(listener);
    for (WyomingPort port : served) port.close();
    announcer.close(); // about 2 s of goodbyes, while the connection threads wind down
    long deadline = System.nanoTime() + JOIN_MILLIS * 1_000_000;
    List<Thread> all = new ArrayList<>();
    for (WyomingPort port : served) all.addAll(port.threads());
    for (Thread t : all) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (t.isAlive()) log.warn("Wyoming thread {} did not stop within {} ms", t.getName(), JOIN_MILLIS);
    }
  }
}
