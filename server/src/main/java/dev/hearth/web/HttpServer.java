package dev.hearth.web;

import dev.hearth.config.ServerConfig;
import dev.hearth.store.Device;
import dev.hearth.store.StoreThread;
import dev.hearth.tls.ServerNames;
import dev.hearth.tls.TlsIdentity;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: the page, pairing, the conversations, {@code /ws} and the app's {@link RouteGroup}s (the reports, live
 * mode, the OpenAI-compatible {@code /v1}) on one Javalin server, over plain HTTP and, when {@link Https} is given,
 * HTTPS on a second port. Requests must name this server as their Host ({@link HostCheck}); pages of other origins may
 * not open {@code /ws} or change data (see {@link OriginPolicy}); other machines need a paired device's token for the
 * page, {@code /api} and {@code /ws} ({@link DeviceGate}).
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
  /**
   * Jetty's own limits sit above the app's, so an oversized frame gets an error instead of a closed socket; Jetty
   * gathers a whole message before the app sees it, so they also bound each socket's buffer (a larger frame closes
   * the socket with 1009). Text: {@value #JETTY_MAX_TEXT_BYTES} bytes; binary: twice {@code server.max_frame_bytes}.
   */
  private static final long JETTY_MAX_TEXT_BYTES = 2L << 20;

  /**
   * Sent with the page's files: always revalidate (a server update shows on the next load), only this server's own
   * scripts and sockets (and the origins {@code connectOrigins} the page must reach, e.g. OpenAI's for live mode
   * without the relay), never inside another site's frame.
   */
  private static Map<String, String> pageHeaders(List<String> connectOrigins) {
    String connect = String.join(" ", Stream.concat(Stream.of("'self'"), connectOrigins.stream()).toList());
    return Map.of(
        "Cache-Control", "no-cache",
        "X-Content-Type-Options", "nosniff",
        "Referrer-Policy", "no-referrer",
        "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; connect-src " + connect + "; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  }

  /** Where a device downloads Hearth's local CA to trust it. */
  public static final String CA_PATH = "/hearth-ca.crt";

  /**
   * HTTPS beside plain HTTP.
   *
   * @param port the port to listen on (0 picks a free one)
   * @param redirectHttp whether browsers on other machines are sent from the plain-HTTP page to the HTTPS one
   */
  public record Https(int port, TlsIdentity identity, boolean redirectHttp) {}

  /**
   * Where the edge listens and whom it serves.
   *
   * @param names the names this machine answers to; pages from them (on this server's ports) may use it
   * @param store where the paired devices and the conversations are kept
   */
  public record Edge(ServerConfig config, Optional<Https> https, ServerNames names, StoreThread store, Clock clock) {}

  private final Javalin app;
  private final Optional<Https> https;
  private final PairingRoutes pairing;

  /**
   * @param socket the page's voice socket, {@code /ws}
   * @param routes the app's other routes, registered in this order after the edge's checks
   */
  public HttpServer(Edge edge, VoiceSocket socket, List<RouteGroup> routes) {
    ServerConfig config = edge.config();
    ServerNames names = edge.names();
    this.https = edge.https();
    OriginPolicy origins = new OriginPolicy(names, this::ports, config.allowedOrigins());
    HostCheck hosts = new HostCheck(names, origins.allowedHosts());
    DeviceTokens tokens = DeviceTokens.load(edge.store().devices(), edge.clock());
    DeviceGate gate = new DeviceGate(tokens);
    socket.identifyDevices(ws -> tokens.device(ws).map(Device::id));
    this.pairing = new PairingRoutes(tokens, new PairingCodes(edge.clock()), gate, socket::closeDevice);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      connectors(cfg, config, https);
      cfg.jetty.modifyWebSocketServletFactory(ws -> {
        ws.setMaxBinaryMessageSize(2L * config.maxFrameBytes());
        ws.setMaxTextMessageSize(JETTY_MAX_TEXT_BYTES);
        ws.setIdleTimeout(Duration.ofMillis(config.idleTimeoutMillis()));
      });
      cfg.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/web";
        files.location = Location.CLASSPATH;
        files.mimeTypes.add("application/manifest+json", "webmanifest");
        files.headers = pageHeaders(routes.stream().flatMap(r -> r.pageConnectOrigins().stream()).toList());
      });
      ApiError.install(cfg.routes);
      UnexpectedErrors.install(cfg.routes, (ctx, code, message) -> routes.stream()
          .flatMap(r -> r.errorsFor(ctx.path()).stream()).findFirst()
          .orElse((c, status, text) -> ApiError.of(status, text).writeTo(c))
          .write(ctx, code, message));
      hosts.install(cfg.routes);
      OriginGuard.install(cfg.routes, origins);
      if (https.isPresent() && https.get().redirectHttp()) {
        HttpsRedirect.install(cfg.routes, this::httpsPort, hosts::isOwn, names.preferredHost());
      }
      gate.install(cfg.routes);
      pairing.register(cfg.routes);
      cfg.routes.get(CA_PATH, this::caCertificate);
      ConversationRoutes.register(cfg.routes, edge.store().history(), edge.clock());
      for (RouteGroup group : routes) group.register(cfg.routes, origins);
      cfg.routes.ws("/ws", socket::configure);
    });
  }

  /**
   * Plain HTTP first (so {@link Javalin#port()} is its port), then HTTPS on the same host. A request body arriving
   * slower than {@code server.min_request_bytes_per_second} on average is cut off with 408, so a trickled upload
   * cannot hold a Jetty thread for long.
   */
  private static void connectors(JavalinConfig cfg, ServerConfig config, Optional<Https> https) {
    cfg.jetty.addConnector((server, http) -> {
      http.setMinRequestDataRate(config.minRequestBytesPerSecond());
      return listen(new ServerConnector(server, new HttpConnectionFactory(http)), config.host(), config.port());
    });
    https.ifPresent(h -> cfg.jetty.addConnector((server, http) -> tlsConnector(server, http, h, config.host())));
  }

  private static Connector tlsConnector(Server server, HttpConfiguration plain, Https https, String host) {
    HttpConfiguration secure = new HttpConfiguration(plain);
    SecureRequestCustomizer customizer = new SecureRequestCustomizer();
    customizer.setSniHostCheck(false); // devices open https://192.168.1.20:8443/ too, where no SNI name is sent
    secure.addCustomizer(customizer);
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(https.identity().keyStore());
    ssl.setKeyStorePassword(https.identity().keyStorePassword());
    ssl.setSniRequired(false);
    return listen(new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(secure)),
        host, https.port());
  }

  private static ServerConnector listen(ServerConnector connector, String host, int port) {
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** {@value #CA_PATH}: the local CA in DER, the form phones install from a download. */
  private void caCertificate(Context ctx) throws CertificateEncodingException {
    if (https.isEmpty()) {
      throw ApiError.notFound("HTTPS is off (tls.enabled=false), so there is no certificate to trust.").failure();
    }
    var ca = https.get().identity().localCa();
    if (ca.isEmpty()) {
      throw ApiError.notFound("This server uses your own certificate (tls.cert_file), so there is no Hearth CA to install;"
          + " devices trust it the way they trust its issuer.").failure();
    }
    ctx.contentType("application/x-x509-ca-cert")
        .header("Content-Disposition", "attachment; filename=\"hearth-ca.crt\"")
        .result(ca.get().getEncoded());
  }

  public HttpServer start() {
    app.start();
    if (https.isPresent()) log.info("Listening on port {} (HTTP) and {} (HTTPS)", port(), httpsPort());
    else log.info("Listening on port {} (HTTP only: tls.enabled is false)", port());
    return this;
  }

  /** A new pairing code (replacing the last) for a person to enter on a new device, e.g. from the start-up banner. */
  public String pairingCode() {
    return pairing.issue().digits();
  }

  /** The plain-HTTP port actually bound (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** The HTTPS port actually bound (useful with port 0), or -1 when HTTPS is off. */
  public int httpsPort() {
    for (Connector c : app.jettyServer().server().getConnectors()) {
      if (c instanceof ServerConnector sc && sc.getConnectionFactory(SslConnectionFactory.class) != null) return sc.getLocalPort();
    }
    return -1;
  }

  /** The ports a page of this server can have been loaded from. */
  private Set<Integer> ports() {
    Set<Integer> ports = new HashSet<>();
    for (Connector c : app.jettyServer().server().getConnectors()) {
      if (c instanceof ServerConnector sc) ports.add(sc.getLocalPort());
    }
    return ports;
  }

  @Override
  public void close() {
    app.stop();
  }
}
