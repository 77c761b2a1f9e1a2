package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.protocols.ProtocolServer;
import dev.hearth.config.ClientAddresses;
import dev.hearth.config.WyomingConfig;
import dev.hearth.sched.FrontEnd;
import dev.hearth.tls.ServerNames;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.web.SessionLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Home Assistant's Wyoming protocol over TCP: speech to text on one port (10300), text to speech on another (10200),
 * or both on one. Each port's {@code info} lists only what it is for, so Home Assistant makes one entity per service;
 * every port answers every event. One acceptor thread per port; each connection gets its own thread, at most
 * {@code wyoming.max_connections} at once on each port and {@code wyoming.max_connections_per_client} from one
 * address; more are refused at once with an {@code error} event, so a crowd on one port never blocks the other. A
 * watchdog thread closes connections whose client stops reading. Model work runs on the app's STT and TTS pools. See
 * docs/wyoming.md.
 */
public final class WyomingServer implements ProtocolServer {
  private static final Logger log = LoggerFactory.getLogger(WyomingServer.class);
  /** After a failed accept the acceptor waits this long, doubling on each further failure up to the maximum. */
  private static final long ACCEPT_BACKOFF_MIN_MILLIS = 50;
  private static final long ACCEPT_BACKOFF_MAX_MILLIS = 1000;

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
  private final List<Thread> acceptors = new ArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<WyomingConnection> serving = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService watchdog;
  private final Set<Thread> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connectionCount = new AtomicInteger();
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
    WyomingConnection.Context context = new WyomingConnection.Context(speech, info, settings.limits());
    Limits limits = settings.limits();
    SessionLimits slots = new SessionLimits("Wyoming connections on port " + listener.getLocalPort(),
        limits.maxConnections(), "wyoming.max_connections", limits.maxPerClient(), "wyoming.max_connections_per_client");
    Thread acceptor = new Thread(() -> acceptLoop(listener, what, context, slots),
        "hearth-wyoming-" + what + "-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptors.add(acceptor);
    acceptor.start();
  }

  /** Accepts connections, each on its own thread while the port and its client have a free slot; refuses the rest. */
  private void acceptLoop(ServerSocket listener, String what, WyomingConnection.Context context, SessionLimits slots) {
    long backoffMillis = 0;
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
        backoffMillis = 0;
      } catch (IOException e) {
        if (closed || listener.isClosed()) return;
        // accept fails again at once while the cause lasts (out of file descriptors): wait, longer each time, so
        // the loop neither spins nor floods the log
        if (backoffMillis == 0) {
          log.warn("Wyoming {} port {}: accept failed: {}", what, listener.getLocalPort(), e.getMessage());
        }
        backoffMillis = Math.min(ACCEPT_BACKOFF_MAX_MILLIS, Math.max(ACCEPT_BACKOFF_MIN_MILLIS, backoffMillis * 2));
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException interrupted) {
          return; // close() interrupts the acceptors
        }
        continue;
      }
      if (!clients.allows(socket.getInetAddress())) {
        log.warn("Wyoming {} port {}: refused {}, which is not in wyoming.allowed_clients", what, listener.getLocalPort(),
            socket.getInetAddress().getHostAddress());
        closeQuietly(socket);
        continue;
      }
      SessionLimits.Lease lease;
      try {
        lease = slots.open(socket.getInetAddress().getHostAddress());
      } catch (SessionLimits.Refused e) {
        refuse(socket, e);
        continue;
      }
      open.add(socket);
      WyomingConnection connection = new WyomingConnection(socket, context);
      Thread thread = new Thread(() -> {
        try {
          serving.add(connection);
          connection.run();
        } finally {
          serving.remove(connection);
          open.remove(socket);
          connections.remove(Thread.currentThread());
          lease.close();
        }
      }, "hearth-wyoming-" + what + "-conn-" + connectionCount.incrementAndGet());
      thread.setDaemon(true);
      connections.add(thread);
      thread.start();
      if (closed) closeQuietly(socket);
    }
  }

  /**
   * Tells a client over the limits why with {@code error{code}} and closes its connection, on the acceptor's thread:
   * the event fits the new socket's send buffer, so the write does not wait for the client.
   */
  private static void refuse(Socket socket, SessionLimits.Refused refused) {
    log.info("Wyoming client {} refused: {}", socket.getRemoteSocketAddress(), refused.getMessage());
    try (socket) {
      ObjectNode data = WyomingEvent.newData();
      data.put("text", refused.getMessage());
      data.put("code", refused.code());
      EventCodec.write(socket.getOutputStream(), WyomingEvent.of("error", data));
      socket.shutdownOutput();
    } catch (IOException e) {
      log.debug("Wyoming refusal not sent: {}", e.toString());
    }
  }

  /** Closes the connections whose client has not read what was sent for the write timeout. */
  private void closeStalled() {
    long now = System.nanoTime();
    for (WyomingConnection c : serving) {
      try {
        c.closeIfStalled(now);
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
    for (ServerSocket listener : listeners) closeQuietly(listener);
    for (Thread t : acceptors) t.interrupt();
    for (Socket socket : open) closeQuietly(socket);
    for (Thread t : connections) t.interrupt();
    announcer.close(); // about 2 s of goodbyes, while the connection threads wind down
    long deadline = System.nanoTime() + JOIN_MILLIS * 1_000_000;
    List<Thread> all = new ArrayList<>(acceptors);
    all.addAll(connections);
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

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.debug("close failed: {}", e.toString());
    }
  }
}
