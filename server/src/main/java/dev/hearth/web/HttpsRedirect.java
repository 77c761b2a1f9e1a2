package dev.hearth.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * Sends a browser on another machine from the plain-HTTP page to the HTTPS one, where it may use the microphone.
 * This machine's browser (localhost is a secure context), {@code /api}, {@code /ws}, the OpenAI-compatible {@code /v1}
 * and the CA download stay on plain HTTP, so scripts, programs on the LAN, the benchmark and the certificate's first
 * download keep working.
 */
final class HttpsRedirect {
  private HttpsRedirect() {}

  /**
   * @param own whether a Host header's host is one of this server's names (kept in the redirect)
   * @param ownHost the server's own name, used in place of a Host that is not one of them
   */
  static void install(RoutesConfig routes, IntSupplier httpsPort, Predicate<String> own, String ownHost) {
    routes.before(ctx -> location(ctx, httpsPort.getAsInt(), own, ownHost).ifPresent(url -> {
      ctx.redirect(url, HttpStatus.PERMANENT_REDIRECT);
      ctx.skipRemainingHandlers();
    }));
  }

  private static Optional<String> location(Context ctx, int httpsPort, Predicate<String> own, String ownHost) {
    if (ctx.req().isSecure()) return Optional.empty();
    return location(ctx.method().name(), ctx.req().getRequestURI(), ctx.queryString(), ctx.header("Host"),
        ClientAddress.of(ctx.req().getRemoteAddr()), httpsPort, own, ownHost);
  }

  /**
   * Where a plain-HTTP request should go instead, or empty to answer it here. The redirect keeps the name the browser
   * used only when it is one of this server's own; any other Host (which a client writes freely) is replaced by
   * {@code ownHost}, so the redirect can never send a browser to another site.
   *
   * @param rawPath the request path as sent (still URL-encoded)
   * @param query the raw query, or null
   * @param hostHeader the Host header, or null
   * @param client the client's address, or null when unknown (answered here)
   */
  static Optional<String> location(String method, String rawPath, String query, String hostHeader, InetAddress client,
      int httpsPort, Predicate<String> own, String ownHost) {
    if (!method.equals("GET") && !method.equals("HEAD")) return Optional.empty();
    if (client == null || client.isLoopbackAddress()) return Optional.empty();
    if (rawPath.equals("/api") || rawPath.startsWith("/api/") || rawPath.equals("/ws") || rawPath.startsWith("/ws/")
        || rawPath.equals("/v1") || rawPath.startsWith("/v1/") || rawPath.equals(HttpServer.CA_PATH)) {
      return Optional.empty();
    }
    String host = HostCheck.host(hostHeader).filter(own).orElse(ownHost);
    String port = httpsPort == 443 ? "" : ":" + httpsPort;
    return Optional.of("https://" + host + port + rawPath + (query == null || query.isEmpty() ? "" : "?" + query));
  }
}
