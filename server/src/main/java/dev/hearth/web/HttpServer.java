package dev.hearth.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.config.ServerConfig;
import dev.hearth.store.StoreExecutor;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP edge: the page, {@code /api} and {@code /ws} on one Javalin server. */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
  private static final ObjectMapper json = new ObjectMapper();
  /** Jetty's own limit sits above the app's, so an oversized frame gets an error instead of a closed socket. */
  private static final long JETTY_MAX_MESSAGE_BYTES = 16L << 20;

  /**
   * Sent with the page's files: always revalidate (a server update shows on the next load), only this
   * server's own scripts and sockets, never inside another site's frame.
   */
  private static final Map<String, String> PAGE_HEADERS = Map.of(
      "Cache-Control", "no-cache",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
          + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");

  private final Javalin app;

  /**
   * @param health answers {@code /api/health}: null while starting, the report once ready
   * @param voices answers {@code /api/voices}
   */
  public HttpServer(ServerConfig config, StoreExecutor store, Clock clock, VoiceSocket socket,
      Supplier<Map<String, Object>> health, Supplier<Map<String, Object>> voices) {
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.host = config.host();
      cfg.jetty.port = config.port();
      cfg.jetty.modifyWebSocketServletFactory(ws -> {
        ws.setMaxBinaryMessageSize(JETTY_MAX_MESSAGE_BYTES);
        ws.setMaxTextMessageSize(1L << 20);
        ws.setIdleTimeout(Duration.ofMillis(config.idleTimeoutMillis()));
      });
      cfg.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/web";
        files.location = Location.CLASSPATH;
        files.mimeTypes.add("application/manifest+json", "webmanifest");
        files.headers = PAGE_HEADERS;
      });
      ApiError.install(cfg.routes);
      cfg.routes.get("/api/health", ctx -> {
        Map<String, Object> report = health.get();
        if (report == null) {
          ctx.status(503).contentType(ContentType.APPLICATION_JSON).result(json.writeValueAsBytes(Map.of("status", "starting")));
        } else {
          ctx.contentType(ContentType.APPLICATION_JSON).result(json.writeValueAsBytes(report));
        }
      });
      cfg.routes.get("/api/voices", ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(json.writeValueAsBytes(voices.get())));
      ConversationRoutes.register(cfg.routes, store, clock);
      cfg.routes.ws("/ws", socket::configure);
    });
  }

  public HttpServer start() {
    app.start();
    log.info("Listening on port {}", app.port());
    return this;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
