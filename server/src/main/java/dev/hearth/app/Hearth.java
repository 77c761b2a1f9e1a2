package dev.hearth.app;

import dev.hearth.brain.Brain;
import dev.hearth.brain.ChatModel;
import dev.hearth.brain.LeavingTime;
import dev.hearth.brain.LocalModelResponder;
import dev.hearth.brain.Responder;
import dev.hearth.openai.LiveSessions;
import dev.hearth.openai.OpenAi;
import dev.hearth.openai.OpenAiResponder;
import dev.hearth.openai.Spending;
import dev.hearth.llm.LocalChatModel;
import dev.hearth.device.LocalDevice;
import dev.hearth.llm.hub.ModelRegistry;
import dev.hearth.brain.skills.OfflineFallback;
import dev.hearth.brain.skills.Skills;
import dev.hearth.protocols.ProtocolServer;
import dev.hearth.protocols.marytts.MaryServer;
import dev.hearth.protocols.openaiapi.OpenAiApi;
import dev.hearth.protocols.vosk.VoskServer;
import dev.hearth.protocols.wyoming.WyomingServer;
import dev.hearth.config.HearthConfig;
import dev.hearth.health.SpeechCheck;
import dev.hearth.health.Systemd;
import dev.hearth.health.UncaughtErrors;
import dev.hearth.health.WatchedPool;
import dev.hearth.health.Watchdog;
import dev.hearth.sched.Admission;
import dev.hearth.sched.FrontEnd;
import dev.hearth.sched.SharedThreads;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.stt.SpeechToText;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskSpeechToText;
import dev.hearth.timer.TimerService;
import dev.hearth.timer.Timers;
import dev.hearth.tls.LocalCertificates;
import dev.hearth.tls.ServerNames;
import dev.hearth.tls.TlsIdentity;
import dev.hearth.tls.UserCertificate;
import dev.hearth.tts.MaryTextToSpeech;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.turn.BrainStage;
import dev.hearth.turn.ClientOutput;
import dev.hearth.turn.Frame;
import dev.hearth.turn.HistoryStage;
import dev.hearth.turn.Pipeline;
import dev.hearth.turn.SentenceStage;
import dev.hearth.turn.SttStage;
import dev.hearth.turn.TtsStage;
import dev.hearth.turn.TurnController;
import dev.hearth.web.HttpServer;
import dev.hearth.web.LiveRoutes;
import dev.hearth.web.SessionHub;
import dev.hearth.web.VoiceSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: owns the models, the executors, the store and the HTTP edge, and wires one voice
 * pipeline per socket. Lifecycle: {@code NOT_STARTED → STARTING → STARTED → STOPPING → STOPPED}.
 */
public final class Hearth implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Hearth.class);
  /** The project version from the build (pom.xml), e.g. {@code 0.1.0-SNAPSHOT}. */
  public static final String VERSION = buildVersion();

  public enum State { NOT_STARTED, STARTING, STARTED, STOPPING, STOPPED }

  private final HearthConfig config;
  private final Clock clock;
  private final List<ExecutorService> executors = new ArrayList<>();
  /** The recognition and speech threads: voice turns first, every other front end in its own lane. */
  private final SharedThreads sttPool;
  private final ExecutorService brainPool;
  private final SharedThreads ttsPool;
  /** Where the other front ends' speech requests wait for their audio and write it (one thread per request served). */
  private final ExecutorService requestPool;
  private final ExecutorService outputPool;
  private final ScheduledExecutorService timerScheduler;
  /** Pings every /ws socket and closes the ones whose client has gone silent. */
  private final ScheduledExecutorService socketScheduler;
  /** Runs the watchdog turns and times their deadlines. */
  private final ScheduledExecutorService watchdogScheduler;

  private volatile State state = State.NOT_STARTED;
  private SpeechToText stt;
  /** The same model as {@link #stt}, for the protocols that want Vosk's own results. */
  private VoskSpeechToText vosk;
  private TextToSpeech tts;
  private StoreThread store;
  private TimerService timers;
  private Brain brain;
  private ChatModel chatModel;
  /** The model this server loaded (and closes), as opposed to one it was given. */
  private LocalChatModel ownModel;
  /** The online services, when a key is configured. */
  private OpenAi openai;
  private LiveSessions live;
  private SessionHub hub;
  private ServerNames names;
  private LocalDevice local;
  private Optional<TlsIdentity> tls = Optional.empty();
  private HttpServer http;
  /** The other projects' protocols this server speaks, in the order started. */
  private final List<ProtocolServer> protocolServers = new ArrayList<>();
  private long startedAtMillis;
  private volatile Watchdog watchdog;
  /** Tells other threads' deaths to the watchdog; closed on shutdown. */
  private UncaughtErrors.Listening deathListener;
  private Systemd systemd = Systemd.none();

  public Hearth(HearthConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    var sharing = config.sharing();
    this.sttPool = shared(new SharedThreads("hearth-stt", config.stt().threads(), sharing.voiceReservedThreads(),
        sharing.frontEndThreads(), this::workerDied));
    this.brainPool = elasticPool("hearth-brain", config.brain().threads());
    this.ttsPool = shared(new SharedThreads("hearth-tts", config.tts().threads(), sharing.voiceReservedThreads(),
        sharing.frontEndThreads(), this::workerDied));
    this.requestPool = Executors.newCachedThreadPool(named("hearth-request"));
    executors.add(requestPool);
    this.outputPool = pool("hearth-out", 2);
    this.timerScheduler = Executors.newSingleThreadScheduledExecutor(named("hearth-timers"));
    executors.add(timerScheduler);
    this.socketScheduler = Executors.newSingleThreadScheduledExecutor(named("hearth-ws-ping"));
    executors.add(socketScheduler);
    this.watchdogScheduler = Executors.newSingleThreadScheduledExecutor(named("hearth-watchdog"));
    executors.add(watchdogScheduler);
  }

  /** Loads the models (in parallel), opens the store, starts timers and the server; fails fast with a clear message. */
  public synchronized Hearth start() {
    if (state != State.NOT_STARTED) throw new IllegalStateException("already " + state);
    state = State.STARTING;
    long begin = System.nanoTime();
    try {
      config.stt().validateModel();
      dev.hearth.store.OwnerOnly.folder(config.store().dataDir()); // the history, keys and tokens: this user only
      // the machine's own button, LEDs, microphone and speaker: acquired first, so a wrong pin fails at once
      if (config.gpio().enabled()) local = LocalDevice.open(config.gpio(), config.audio());
      names = ServerNames.detect(config.tls().extraNames());
      tls = config.tls().enabled() ? Optional.of(tlsIdentity()) : Optional.empty();
      CompletableFuture<VoskSpeechToText> sttLoad = async(
          () -> VoskSpeechToText.load(config.stt().modelDir(), config.stt().recognizerPool()), sttPool);
      CompletableFuture<TextToSpeech> ttsLoad = tts != null ? CompletableFuture.completedFuture(tts) : async(
          () -> MaryTextToSpeech.start(config.tts().voice(), config.tts().sampleRateHz()), ttsPool);
      CompletableFuture<LocalChatModel> llmLoad = chatModel != null ? null : configuredModel()
          .map(found -> async(() -> LocalChatModel.load(found.name(), found.folder(), llmSettings(), clock), brainPool))
          .orElse(null);
      store = new StoreThread(SqliteStore.open(config.store().databaseFile()));
      hub = new SessionHub();
      timers = new TimerService(store.timers(), timerScheduler, clock, hub::timerFired);
      stt = vosk = await(sttLoad);
      tts = await(ttsLoad);
      if (llmLoad != null) chatModel = ownModel = await(llmLoad);
      if (config.openai().enabled()) {
        openai = OpenAi.start(config.openai(), store.usage(), clock, config.brain().zone(), timerScheduler);
        if (config.openai().live()) live = new LiveSessions(openai, config.brain().systemPrompt(), clock, timerScheduler);
      }
      Optional<LiveRoutes> liveRoutes = config.openai().live()
          ? Optional.of(new LiveRoutes(Optional.ofNullable(live), store.history(), clock, pageConnectOrigins())) : Optional.empty();
      brain = new Brain(brainChain(timers, config.brain().systemPrompt()));
      warmUp();
      VoiceSocket socket = new VoiceSocket(this::newSession, hub,
          tts.voices().stream().map(TextToSpeech.Voice::name).collect(java.util.stream.Collectors.toSet()),
          config.server(), socketScheduler);
      Optional<HttpServer.Https> https = tls.map(id -> new HttpServer.Https(config.tls().port(), id, config.tls().redirectHttp()));
      http = new HttpServer(config.server(), https, names, store, clock, socket, this::health, this::voices, this::status,
          liveRoutes, openaiApi()).start();
      startProtocolServers();
      if (local != null) local.attach(link -> hub.connect(newSession(link)));
      int pending = timers.startUp();
      deathListener = UncaughtErrors.listen(this::workerDied);
      watchdog = new Watchdog(new SpeechCheck(tts, ttsPool, stt, sttPool), config.watchdog(), clock, watchdogScheduler,
          systemd::watchdog).start();
      startedAtMillis = clock.millis();
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

  /** Starts the servers that speak other projects' protocols, each on by default and switched off in its config section. */
  private void startProtocolServers() throws Exception {
    if (config.voskServer().enabled()) {
      protocolServers.add(new VoskServer(config.voskServer(), config.server().host(), config.server().idleTimeoutMillis(), vosk,
          sttPool.lane("vosk-server")).start());
    }
    if (config.wyoming().enabled()) {
      protocolServers.add(WyomingServer.start(config.wyoming(), config.server().host(), names, new WyomingServer.Speech(
          () -> vosk.recognizer(new VoskRecognizer.Options(false, 0, Optional.empty())), stt.modelName(),
          config.stt().language(), config.stt().maxUtteranceMillis(), tts, frontEnd("wyoming", "Wyoming", config.wyoming().writeTimeoutMillis()), VERSION)));
    }
    if (config.maryServer().enabled()) {
      protocolServers.add(MaryServer.start(config.maryServer(), config.server().host(),
          config.server().minRequestBytesPerSecond(), tts, frontEnd("marytts", "The MaryTTS API", config.sharing().writeTimeoutMillis())));
    }
    for (ProtocolServer server : protocolServers) log.info("{} listening on {}", server.name(), server.ports());
  }

  /** The OpenAI-compatible API under {@code /v1} on the server's own ports, unless {@code openai_server.enabled} is off. */
  private Optional<OpenAiApi> openaiApi() {
    if (!config.openaiServer().enabled()) return Optional.empty();
    var b = config.brain();
    var chat = new OpenAiApi.Chat(this::brainChain, b.systemPrompt(), Optional.ofNullable(chatModel).map(ChatModel::name),
        b.zone(), b.contextEvents(), b.deadlineMillis());
    return Optional.of(new OpenAiApi(config.openaiServer(), vosk, config.stt().language(), tts, chat,
        new OpenAiApi.Pools(frontEnd("openai-api", "The OpenAI API", config.sharing().writeTimeoutMillis()), brainPool), clock));
  }

  /** The port a compatibility server bound for {@code what} (e.g. {@code ("wyoming", "tts")}), or -1 when it is off. */
  public int compatPort(String server, String what) {
    for (ProtocolServer c : protocolServers) {
      if (c.name().equals(server)) return c.ports().getOrDefault(what, -1);
    }
    return -1;
  }

  /** The user's certificate when they gave one, else Hearth's own from {@code <store.data_dir>/tls}. */
  private TlsIdentity tlsIdentity() {
    var cert = config.tls().certFile();
    var key = config.tls().keyFile();
    if (cert.isPresent() && key.isPresent()) return UserCertificate.load(cert.get(), key.get(), clock.instant());
    return LocalCertificates.load(config.store().dataDir().resolve("tls"), names, clock);
  }

  /** Recognizes a spoken phrase on a few recognizers so the first turns find warm ones in the pool. */
  private void warmUp() throws Exception {
    java.io.ByteArrayOutputStream pcm = new java.io.ByteArrayOutputStream();
    dev.hearth.audio.PcmConverter converter = new dev.hearth.audio.PcmConverter(tts.outputFormat(), 16_000);
    tts.speak("What time is it? Set a timer for five minutes.", tts.defaultVoice(),
        chunk -> pcm.writeBytes(converter.convert(chunk.pcm()).pcm()), () -> false);
    pcm.writeBytes(converter.flush().pcm());
    stt.warmUp(pcm.toByteArray(), Math.max(2, config.stt().threads()));
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
    List<StartupBanner.Endpoint> endpoints = new ArrayList<>();
    for (ProtocolServer server : protocolServers) {
      Map<String, Integer> p = server.ports();
      switch (server.name()) {
        case "vosk-server" -> endpoints.add(new StartupBanner.Endpoint("vosk-server", "ws://HOST:" + p.get("ws") + "/"));
        case "wyoming" -> endpoints.add(new StartupBanner.Endpoint("Wyoming", p.get("stt").equals(p.get("tts"))
            ? "tcp://HOST:" + p.get("stt") + " (speech to text and text to speech)"
            : "tcp://HOST:" + p.get("stt") + " (speech to text), tcp://HOST:" + p.get("tts") + " (text to speech)"));
        case "marytts" -> endpoints.add(new StartupBanner.Endpoint("MaryTTS", "http://HOST:" + p.get("http") + "/process"));
        default -> endpoints.add(new StartupBanner.Endpoint(server.name(), p.toString()));
      }
    }
    if (config.openaiServer().enabled()) endpoints.add(new StartupBanner.Endpoint("OpenAI API", "http://HOST:" + http.port() + "/v1"));
    return StartupBanner.text(names, config.server().host(), http.port(), http.httpsPort(), tls)
        + StartupBanner.protocols(names, config.server().host(), endpoints)
        + "Pair a phone or tablet: open the page on it and enter " + http.pairingCode()
        + " (valid 10 minutes, once; `hearth pair` prints a new code).\n";
  }

  public HearthConfig config() {
    return config;
  }

  /** A new session for a client that talks through {@code link}: a browser's socket, or the machine's own mic and speaker. */
  public TurnController newSession(dev.hearth.turn.ClientLink link) {
    String client = link.client();
    return new TurnController(link, (output, errors) -> pipeline(output, errors, client), hub, tts.defaultVoice(),
        System::nanoTime);
  }

  /** The voice turn, stage by stage, for one client's session. */
  private Pipeline pipeline(ClientOutput output, Consumer<Frame> errors, String client) {
    var brainSettings = new BrainStage.Settings(config.brain().zone(), config.brain().contextEvents(),
        config.brain().deadlineMillis(), client);
    return Pipeline.builder()
        .add(new SttStage(stt, config.stt().maxUtteranceMillis(), openai != null && config.openai().audioMessages()), sttPool)
        .add(new BrainStage(brain, store.history(), clock, brainSettings), brainPool)
        .addInline(new SentenceStage())
        .add(new TtsStage(tts, config.tts().leadMillis(), System::nanoTime), ttsPool)
        .add(output, outputPool)
        .addInline(new HistoryStage(store.history(), clock))
        .add(output.turnEnd(), outputPool) // turn_done only once the reply is committed
        .build(errors, frame -> {});
  }

  /**
   * The local LLM to load: {@code llm.model} (a name from {@code hearth models} or a folder), else the one chosen
   * with {@code hearth models use}; none when neither is set.
   */
  private Optional<ModelRegistry.LocalModel> configuredModel() throws IOException {
    ModelRegistry registry = new ModelRegistry(config.store().dataDir());
    String wanted = config.llm().model();
    if (wanted.isEmpty()) {
      Optional<String> active = registry.active();
      if (active.isEmpty()) return Optional.empty();
      wanted = active.get();
    }
    Optional<ModelRegistry.LocalModel> named = registry.find(wanted);
    if (named.isPresent()) return named;
    Path folder = Path.of(wanted);
    if (Files.isDirectory(folder)) {
      ModelRegistry.checkCheckpoint(folder);
      return Optional.of(new ModelRegistry.LocalModel(folder.getFileName().toString(), folder.toAbsolutePath(),
          ModelRegistry.Source.ADDED, 0));
    }
    throw new StartupException("The language model '" + wanted + "' is neither an installed model (see `hearth models`) "
        + "nor a checkpoint folder. Pull one with `hearth models pull Qwen/Qwen2.5-0.5B-Instruct`, or set llm.model to "
        + "a folder, or leave llm.model empty to run without one.", null);
  }

  private LocalChatModel.Settings llmSettings() {
    var llm = config.llm();
    return new LocalChatModel.Settings(llm.maxNewTokens(), llm.temperature(), llm.topP(), llm.seed(),
        llm.contextTokens(), llm.stopStrings());
  }

  /**
   * Skills answer first (with {@code timers}); then the local model and OpenAI, when present, in the order of
   * {@code brain.order}, with {@code systemPrompt}; then the offline fallback. Local-first, the local model must
   * begin early enough to leave OpenAI its time ({@link OpenAi#reserveMillis}); OpenAI-first, OpenAI gives way after
   * {@code openai.timeout_millis}.
   */
  private List<Responder> brainChain(Timers timers, String systemPrompt) {
    List<Responder> providers = new ArrayList<>();
    if (chatModel != null) {
      Responder local = new LocalModelResponder(chatModel, systemPrompt);
      if (openai != null && !config.brain().openAiFirst()) {
        long deadline = config.brain().deadlineMillis();
        local = new LeavingTime(local, () -> openai.reserveMillis(deadline), OpenAiResponder.SOURCE);
      }
      providers.add(local);
    }
    if (openai != null) providers.add(config.brain().openAiFirst() ? 0 : providers.size(), openai.responder(systemPrompt));
    List<Responder> chain = new ArrayList<>();
    chain.add(new Skills(timers));
    chain.addAll(providers);
    chain.add(new OfflineFallback(!providers.isEmpty()));
    return chain;
  }

  /**
   * Answers what the skills cannot with {@code model} instead of the one {@code llm.model} names (before
   * {@link #start}): for tests and for embedding Hearth with a model of one's own.
   */
  public synchronized Hearth chatModel(ChatModel model) {
    if (state != State.NOT_STARTED) throw new IllegalStateException("the brain is built at start-up; already " + state);
    this.chatModel = model;
    return this;
  }

  /**
   * Speaks with {@code speech} instead of loading MaryTTS (before {@link #start}): for tests, e.g. a synthesizer that
   * can be made to hang, and for embedding Hearth with a voice of one's own. Closed with the server.
   */
  public synchronized Hearth textToSpeech(TextToSpeech speech) {
    if (state != State.NOT_STARTED) throw new IllegalStateException("speech is loaded at start-up; already " + state);
    this.tts = speech;
    return this;
  }

  /** Tells {@code manager} when the server is ready, stopping, and each time its watchdog turn succeeds (before {@link #start}). */
  public synchronized Hearth systemd(Systemd manager) {
    if (state != State.NOT_STARTED) throw new IllegalStateException("systemd is told at start-up; already " + state);
    this.systemd = manager;
    return this;
  }

  /** {@code GET /api/health}: null while starting; once started, after a recent watchdog turn, ready or degraded. */
  private CompletableFuture<Map<String, Object>> health() {
    if (state != State.STARTED) return CompletableFuture.completedFuture(null);
    return watchdog.check().thenApply(this::health);
  }

  private Map<String, Object> health(Watchdog.Verdict verdict) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("status", verdict.healthy() ? "ready" : "degraded");
    verdict.problem().ifPresent(p -> report.put("problem", Map.of("part", p.part(), "reason", p.reason())));
    report.put("version", VERSION);
    report.put("models", Map.of(
        "stt", Map.of("engine", "vosk 0.3.45", "name", stt.modelName(), "path", config.stt().modelDir().toString()),
        "tts", Map.of("engine", tts.engine(), "voice", tts.defaultVoice(), "sample_rate", tts.outputFormat().rateHz()),
        "llm", chatModel == null ? Map.of() : Map.of("name", chatModel.name())));
    Map<String, Object> https = new LinkedHashMap<>();
    https.put("enabled", tls.isPresent());
    if (tls.isPresent()) https.put("https_port", http.httpsPort());
    report.put("tls", https);
    report.put("uptime_ms", clock.millis() - startedAtMillis);
    report.put("sessions", hub.sessions().size());
    report.put("process", ProcessStats.snapshot());
    return report;
  }

  /** Without the relay the page calls OpenAI itself: its origin joins the page's {@code connect-src}. */
  private List<String> pageConnectOrigins() {
    if (live == null || config.openai().liveRelay()) return List.of();
    URI base = URI.create(config.openai().baseUrl());
    return List.of(base.getScheme() + "://" + base.getAuthority());
  }

  /** {@code GET /api/status}: what this server can do right now. */
  private Map<String, Object> status() {
    if (state != State.STARTED) return null;
    Map<String, Object> caps = new LinkedHashMap<>();
    caps.put("offline_skills", Map.of("available", true));
    Map<String, Object> local = new LinkedHashMap<>();
    local.put("available", chatModel != null);
    if (chatModel != null) local.put("name", chatModel.name());
    caps.put("local_model", local);
    boolean online = openai != null;
    var oc = config.openai();
    caps.put("openai_text", Map.of("available", online && openai.usable(Spending.Budget.TURNS, 1), "configured", online,
        "model", oc.chatModel()));
    caps.put("openai_audio", Map.of("available", online && oc.audioMessages() && openai.usable(Spending.Budget.TURNS, 1),
        "configured", online && oc.audioMessages(), "model", oc.audioModel()));
    // available only while a session opened now would get its shortest length
    boolean liveFits = online && oc.live() && openai.usable(Spending.Budget.LIVE_SECONDS, LiveSessions.shortestSeconds(oc));
    caps.put("live_mode", Map.of("available", liveFits,
        "configured", online && oc.live(), "max_seconds", oc.liveMaxSeconds()));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("capabilities", caps);
    report.put("order", config.brain().openAiFirst() ? "openai-first" : "local-first");
    report.put("deadline_ms", config.brain().deadlineMillis());
    if (online) report.put("openai", openai.status());
    return report;
  }

  private Map<String, Object> voices() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (TextToSpeech.Voice v : tts.voices()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", v.name());
      m.put("locale", v.locale());
      m.put("gender", v.gender());
      m.put("sample_rate", v.sampleRateHz());
      m.put("default", v.name().equals(tts.defaultVoice()));
      list.add(m);
    }
    return Map.of("voices", list);
  }

  /** Stops taking turns, finishes store writes, frees the models. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (state == State.STOPPED || state == State.STOPPING) return;
    state = State.STOPPING;
    systemd.stopping();
    if (watchdog != null) watchdog.close();
    if (local != null) local.close();
    for (ProtocolServer server : protocolServers) server.close();
    if (http != null) http.close();
    if (live != null) live.close();
    if (openai != null) openai.close();
    if (timers != null) timers.close();
    for (ExecutorService e : executors) {
      e.shutdown();
    }
    for (ExecutorService e : executors) {
      try {
        if (!e.awaitTermination(5, TimeUnit.SECONDS)) e.shutdownNow(); // interrupts what is still running
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
    if (store != null) store.close();
    if (stt != null) stt.close();
    if (tts != null) tts.close();
    if (ownModel != null) ownModel.close();
    if (deathListener != null) deathListener.close();
    systemd.close();
    state = State.STOPPED;
  }

  private ExecutorService pool(String name, int threads) {
    ExecutorService pool = new WatchedPool(name, threads, this::workerDied);
    executors.add(pool);
    return pool;
  }

  /** A thread of a pool (or another thread) died: health is degraded until the next watchdog turn succeeds. */
  private void workerDied(String pool, String thread, Throwable error) {
    Watchdog w = watchdog;
    if (w != null) w.workerDied(pool, thread, error);
  }

  /** Up to {@code threads} threads, each started when needed and ended after a minute without work. */
  private ExecutorService elasticPool(String name, int threads) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
        named(name));
    pool.allowCoreThreadTimeOut(true);
    executors.add(pool);
    return pool;
  }

  private SharedThreads shared(SharedThreads threads) {
    executors.add(threads);
    return threads;
  }

  /** A front end's share of the threads: its lanes, its place in line for speech requests, its write deadline. */
  private FrontEnd frontEnd(String name, String label, long writeTimeoutMillis) {
    var sharing = config.sharing();
    return new FrontEnd(ttsPool.lane(name), sttPool.lane(name), new Admission(label, sharing.frontEndRequests(),
        sharing.frontEndQueue(), sharing.queueTimeoutMillis(), timerScheduler), timerScheduler,
        writeTimeoutMillis, requestPool);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static <T> CompletableFuture<T> async(java.util.concurrent.Callable<T> work, ExecutorService pool) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return work.call();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, pool);
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  /** Start-up failed; the message says what to do. */
  public static final class StartupException extends RuntimeException {
    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Resident memory and heap of this process, from /proc where available. */
  static final class ProcessStats {
    static Map<String, Object> snapshot() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pid", ProcessHandle.current().pid());
      m.put("rss_bytes", rssBytes());
      var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      m.put("heap_used_bytes", heap.getUsed());
      m.put("heap_max_bytes", heap.getMax());
      return m;
    }

    static Long rssBytes() {
      return statusBytes("VmRSS:");
    }

    /** The highest resident memory this process has had (VmHWM). */
    static Long peakRssBytes() {
      return statusBytes("VmHWM:");
    }

    /** A size line of /proc/self/status in bytes, or null where there is no such file. */
    private static Long statusBytes(String field) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith(field)) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      } catch (Exception e) {
        return null;
      }
      return null;
    }
  }

  private static String buildVersion() {
    Properties p = new Properties();
    try (InputStream in = Hearth.class.getResourceAsStream("version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
