package dev.hearth.app;

import dev.hearth.brain.Brain;
import dev.hearth.brain.ChatModel;
import dev.hearth.brain.chain.ResponderChain;
import dev.hearth.config.HearthConfig;
import dev.hearth.device.LocalDevice;
import dev.hearth.health.SpeechCheck;
import dev.hearth.health.Systemd;
import dev.hearth.health.UncaughtErrors;
import dev.hearth.health.Watchdog;
import dev.hearth.brain.skills.Household;
import dev.hearth.lists.ListService;
import dev.hearth.timer.AlarmService;
import dev.hearth.timer.Ringing;
import dev.hearth.openai.LiveSessions;
import dev.hearth.openai.OpenAi;
import dev.hearth.protocols.openaiapi.OpenAiApi;
import dev.hearth.store.OwnerOnly;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.timer.TimerService;
import dev.hearth.tls.LocalCertificates;
import dev.hearth.tls.ServerNames;
import dev.hearth.tls.TlsIdentity;
import dev.hearth.tls.UserCertificate;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.TurnController;
import dev.hearth.web.HealthReport;
import dev.hearth.web.HttpServer;
import dev.hearth.web.ListRoutes;
import dev.hearth.web.LiveRoutes;
import dev.hearth.web.ReportRoutes;
import dev.hearth.web.RouteGroup;
import dev.hearth.web.VoiceSessions;
import dev.hearth.web.StatusReport;
import dev.hearth.web.VoiceSocket;
import dev.hearth.speech.Voices;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: owns the models, the threads, the store and the HTTP edge, and wires one voice pipeline per
 * socket. Lifecycle: {@code NOT_STARTED → STARTING → STARTED → STOPPING → STOPPED}.
 */
public final class Hearth implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Hearth.class);
  /** The project version from the build (pom.xml), e.g. {@code 0.1.0-SNAPSHOT}. */
  public static final String VERSION = Version.fromBuild();

  public enum State { NOT_STARTED, STARTING, STARTED, STOPPING, STOPPED }

  private final HearthConfig config;
  private final Clock clock;
  private final Threads threads;
  private final Models models;

  private volatile State state = State.NOT_STARTED;
  private StoreThread store;
  private TimerService timers;
  private AlarmService alarms;
  private Ringing ringing;
  private ListService lists;
  private ResponderChain responders;
  private VoicePipeline sessions;
  /** The online services, when a key is configured. */
  private OpenAi openai;
  private LiveSessions live;
  private VoiceSessions hub;
  private ServerNames names;
  private LocalDevice local;
  private Optional<TlsIdentity> tls = Optional.empty();
  private HttpServer http;
  /** The other projects' protocols this server speaks. */
  private ProtocolServers protocolServers;
  private volatile ReportRoutes.Started reports;
  private volatile Watchdog watchdog;
  /** Tells other threads' deaths to the watchdog; closed on shutdown. */
  private UncaughtErrors.Listening deathListener;
  private Systemd systemd = Systemd.none();

  public Hearth(HearthConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.threads = new Threads(config, this::workerDied);
    this.models = new Models(config, clock, threads);
  }

  /** Loads the models (in parallel), opens the store, starts timers and the server; fails fast with a clear message. */
  public synchronized Hearth start() {
    if (state != State.NOT_STARTED) throw new IllegalStateException("already " + state);
    state = State.STARTING;
    long begin = System.nanoTime();
    try {
      config.stt().validateModel();
      OwnerOnly.folder(config.store().dataDir()); // the history, keys and tokens: this user only
      // the machine's own button, LEDs, microphone and speaker: acquired first, so a wrong pin fails at once
      if (config.gpio().enabled()) local = LocalDevice.open(config.gpio(), config.audio());
      names = ServerNames.detect(config.tls().extraNames());
      tls = config.tls().enabled() ? Optional.of(tlsIdentity()) : Optional.empty();
      models.beginLoading();
      store = new StoreThread(SqliteStore.open(config.store().databaseFile()));
      hub = new VoiceSessions();
      ringing = new Ringing(threads.timers, clock, hub, Ringing.INTERVAL_MILLIS, Ringing.LONGEST_MILLIS);
      timers = new TimerService(store.timers(), threads.timers, clock,
          (timer, text) -> ringing.start("timer", timer.id(), text, timer.conversationId()));
      alarms = new AlarmService(store.alarms(), threads.timers, clock, ringing, Ringing.LONGEST_MILLIS);
      lists = new ListService(store.lists(), clock, hub::listChanged);
      models.await();
      if (config.openai().enabled()) {
        openai = OpenAi.start(config.openai(), store.usage(), clock, config.brain().zone(), threads.timers);
        if (config.openai().live()) live = new LiveSessions(openai, config.brain().systemPrompt(), clock, threads.timers);
      }
      responders = new ResponderChain(config.brain(), Optional.ofNullable(models.chat()), Optional.ofNullable(openai));
      Brain brain = new Brain(responders.build(new Household(timers, alarms, lists, ringing), config.brain().systemPrompt()));
      sessions = new VoicePipeline(config, models, brain, store.history(), hub, threads, clock,
          openai != null && config.openai().audioMessages());
      models.warmUp();
      http = startHttp();
      protocolServers = new ProtocolServers(config, threads, models.stt(), models.tts());
      protocolServers.start(names);
      if (local != null) local.attach(link -> hub.connect(newSession(link)));
      int pending = timers.startUp();
      alarms.startUp();
      deathListener = UncaughtErrors.listen(this::workerDied);
      watchdog = new Watchdog(new SpeechCheck(models.tts(), threads.tts, models.stt(), threads.stt), config.watchdog(), clock,
          threads.watchdog, systemd::watchdog).start();
      reports = reports(clock.millis());
      state = State.STARTED;
      systemd.ready();
      log.info("Hearth {} ready in {} ms on port {}{} ({} pending timer{})", VERSION, (System.nanoTime() - begin) / 1_000_000,
          http.port(), tls.isPresent() ? " (HTTP) and " + http.httpsPort() + " (HTTPS)" : "", pending, pending == 1 ? "" : "s");
      return this;
    } catch (Exception e) {
      close();
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new StartupException(cause.getMessage(), cause);
    }
  }

  /** The page, {@code /ws}, the lists, the reports, live mode and the OpenAI-compatible {@code /v1}, on the server's ports. */
  private HttpServer startHttp() {
    TextToSpeech tts = models.tts();
    VoiceSocket socket = new VoiceSocket(this::newSession, hub, new Voices(tts), config.server(), threads.sockets);
    List<RouteGroup> routes = new ArrayList<>();
    routes.add(new ListRoutes(lists));
    routes.add(new ReportRoutes(tts, () -> state == State.STARTED ? Optional.of(reports) : Optional.empty()));
    if (config.openai().live()) routes.add(new LiveRoutes(Optional.ofNullable(live), config.openai(), store.history(), clock));
    openaiApi().ifPresent(routes::add);
    Optional<HttpServer.Https> https = tls.map(id -> new HttpServer.Https(config.tls().port(), id, config.tls().redirectHttp()));
    return new HttpServer(new HttpServer.Edge(config.server(), https, names, store, clock), socket, routes).start();
  }


  /** The OpenAI-compatible API under {@code /v1} on the server's own ports, unless {@code openai_server.enabled} is off. */
  private Optional<OpenAiApi> openaiApi() {
    if (!config.openaiServer().enabled()) return Optional.empty();
    var b = config.brain();
    var chat = new OpenAiApi.Chat(responders::build, b.systemPrompt(), Optional.ofNullable(models.chat()).map(ChatModel::name),
        b.zone(), b.contextEvents(), b.deadlineMillis());
    return Optional.of(new OpenAiApi(config.openaiServer(), models.stt(), config.stt().language(), models.tts(), chat,
        new OpenAiApi.Pools(threads.frontEnd("openai-api", "The OpenAI API", config.sharing().writeTimeoutMillis()),
            threads.brain), clock));
  }

  /** What {@code /api/health} and {@code /api/status} describe, once started at {@code startedAtMillis}. */
  private ReportRoutes.Started reports(long startedAtMillis) {
    Optional<String> llm = Optional.ofNullable(models.chat()).map(ChatModel::name);
    var running = new HealthReport.Models(models.stt(), config.stt().modelDir(), models.tts(), llm);
    var health = new HealthReport(VERSION, watchdog, running, tls.isPresent() ? OptionalInt.of(http.httpsPort()) : OptionalInt.empty(),
        () -> hub.sessions().size(), clock, startedAtMillis);
    return new ReportRoutes.Started(health, new StatusReport(llm, Optional.ofNullable(openai), config.openai(), config.brain()));
  }

  /** The port a compatibility server bound for {@code what} (e.g. {@code ("wyoming", "tts")}), or -1 when it is off. */
  public int compatPort(String server, String what) {
    return protocolServers == null ? -1 : protocolServers.port(server, what);
  }

  /** The user's certificate when they gave one, else Hearth's own from {@code <store.data_dir>/tls}. */
  private TlsIdentity tlsIdentity() {
    var cert = config.tls().certFile();
    var key = config.tls().keyFile();
    if (cert.isPresent() && key.isPresent()) return UserCertificate.load(cert.get(), key.get(), clock.instant());
    return LocalCertificates.load(config.store().dataDir().resolve("tls"), names, clock);
  }

  public State state() {
    return state;
  }

  /** The plain-HTTP port actually bound. */
  public int port() {
    return http.port();
  }

  /** The HTTPS port actually bound, or -1 when HTTPS is off. */
  public int httpsPort() {
    return http.httpsPort();
  }

  /** What to print once started: the addresses to open, and how a phone trusts the certificate. */
  public String banner() {
    return StartupBanner.of(names, config.server().host(), http, tls, protocolServers.started(),
        config.openaiServer().enabled());
  }

  public HearthConfig config() {
    return config;
  }

  /** A new session for a client that talks through {@code link}: a browser's socket, or the machine's own mic and speaker. */
  public TurnController newSession(ClientLink link) {
    return sessions.open(link);
  }

  /**
   * Answers what the skills cannot with {@code model} instead of the one {@code llm.model} names (before
   * {@link #start}): for tests and for embedding Hearth with a model of one's own.
   */
  public synchronized Hearth chatModel(ChatModel model) {
    if (state != State.NOT_STARTED) throw new IllegalStateException("the brain is built at start-up; already " + state);
    models.give(model);
    return this;
  }

  /**
   * Speaks with {@code speech} instead of loading MaryTTS (before {@link #start}): for tests, e.g. a synthesizer that
   * can be made to hang, and for embedding Hearth with a voice of one's own. Closed with the server.
   */
  public synchronized Hearth textToSpeech(TextToSpeech speech) {
    if (state != State.NOT_STARTED) throw new IllegalStateException("speech is loaded at start-up; already " + state);
    models.give(speech);
    return this;
  }

  /** Tells {@code manager} when the server is ready, stopping, and each time its watchdog turn succeeds (before {@link #start}). */
  public synchronized Hearth systemd(Systemd manager) {
    if (state != State.NOT_STARTED) throw new IllegalStateException("systemd is told at start-up; already " + state);
    this.systemd = manager;
    return this;
  }

  /** Stops taking turns, finishes store writes, frees the models. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (state == State.STOPPED || state == State.STOPPING) return;
    state = State.STOPPING;
    systemd.stopping();
    if (watchdog != null) watchdog.close();
    if (local != null) local.close();
    if (protocolServers != null) protocolServers.close();
    if (http != null) http.close();
    if (live != null) live.close();
    if (openai != null) openai.close();
    if (timers != null) timers.close();
    if (alarms != null) alarms.close();
    if (ringing != null) ringing.close();
    threads.close();
    if (store != null) store.close();
    models.close();
    if (deathListener != null) deathListener.close();
    systemd.close();
    state = State.STOPPED;
  }

  /** A thread of a pool (or another thread) died: health is degraded until the next watchdog turn succeeds. */
  private void workerDied(String pool, String thread, Throwable error) {
    Watchdog w = watchdog;
    if (w != null) w.workerDied(pool, thread, error);
  }

  /** Start-up failed; the message says what to do. */
  public static final class StartupException extends RuntimeException {
    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
