package dev.hearth.web;

import dev.hearth.config.HearthConfig;
import dev.hearth.speech.Voices;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.tls.LocalCertificates;
import dev.hearth.tls.ServerNames;
import dev.hearth.tls.TlsIdentity;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.turn.ClientOutput;
import dev.hearth.turn.Pipeline;
import dev.hearth.turn.Scheduler;
import dev.hearth.turn.TurnController;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The HTTP edge alone, without models: a real {@link HttpServer} on free ports with HTTPS from a local CA in a
 * test's folder, an in-memory store, and sessions whose pipeline only talks back to the socket.
 */
final class TestEdge implements AutoCloseable {
  final HttpServer server;
  final StoreThread store;
  private final ScheduledExecutorService scheduler;

  private TestEdge(HttpServer server, StoreThread store, ScheduledExecutorService scheduler) {
    this.server = server;
    this.store = store;
    this.scheduler = scheduler;
  }

  /** Starts on 127.0.0.1 (unless {@code extra} says otherwise) with a local CA and server certificate kept in {@code tlsDir}. */
  static TestEdge start(Path tlsDir, ServerNames names, Map<String, String> extra) {
    return start(LocalCertificates.load(tlsDir, names, Clock.systemUTC()), names, extra);
  }

  /** Starts serving {@code identity} over HTTPS, or plain HTTP only when {@code tls.enabled} is false in {@code extra}. */
  static TestEdge start(TlsIdentity identity, ServerNames names, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of("server.port", "0", "tls.port", "0", "server.host", "127.0.0.1"));
    settings.putAll(extra);
    HearthConfig config = HearthConfig.of(settings);
    StoreThread store = new StoreThread(SqliteStore.inMemory());
    Clock clock = Clock.systemUTC();
    VoiceSessions hub = new VoiceSessions();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "test-edge-liveness");
      t.setDaemon(true);
      return t;
    });
    VoiceSocket socket = new VoiceSocket(link -> new TurnController(link,
        Pipeline.builder(System::nanoTime, Scheduler.of(scheduler)).add(new ClientOutput(link), Runnable::run), hub,
        "none", System::nanoTime), hub, new Voices(List.of(new TextToSpeech.Voice("none", "en-US", "female", 24_000)), "none"),
        config.server(), scheduler);
    Optional<HttpServer.Https> https = config.tls().enabled()
        ? Optional.of(new HttpServer.Https(config.tls().port(), identity, config.tls().redirectHttp()))
        : Optional.empty();
    RouteGroup reports = (routes, origins) -> {
      routes.get("/api/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ready\"}"));
      routes.get("/api/status", ctx -> ctx.contentType("application/json").result("{\"capabilities\":{}}"));
      routes.get("/api/voices", ctx -> ctx.contentType("application/json").result("{\"voices\":[]}"));
    };
    HttpServer server = new HttpServer(new HttpServer.Edge(config.server(), https, names, store, clock), socket,
        List.of(reports)).start();
    return new TestEdge(server, store, scheduler);
  }

  int port() {
    return server.port();
  }

  int httpsPort() {
    return server.httpsPort();
  }

  @Override
  public void close() {
    server.close();
    scheduler.shutdownNow();
    store.close();
  }
}
