package dev.hearth.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Sends a browser on another machine from the plain-HTTP page to the HTTPS one, where it may use the microphone.
 * This machine's browser (localhost is a secure context), {@code /api}, {@code /ws}, the OpenAI-compatible {@code /v1}
 * and the CA download stay on plain HTTP, so scripts, programs on the LAN, the benchmark and the certificate's first
 * download keep working.
 */
final class HttpsRedirect {
  /** A Host header's host: a name, an IPv4 address or a bracketed IPv6 one, then an optional port. */
  private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

  private HttpsRedirect() {}

  static void install(RoutesConfig routes, IntSupplier httpsPort) {
    routes.before(ctx -> location(ctx, httpsPort.getAsInt()).ifPresent(url -> ctx.redirect(url, HttpStatus.PERMANENT_REDIRECT)));
  }

  private static Optional<String> location(Context ctx, int httpsPort) {
    if (ctx.req().isSecure()) return Optional.empty();
    return location(ctx.method().name(), ctx.req().getRequestURI(), ctx.queryString(), ctx.header("Host"),
        address(ctx.req().getRemoteAddr()), httpsPort);
  }

  /**
   * Where a plain-HTTP request should go instead, or empty to answer it here.
   *
   * @param rawPath the request path as sent (still URL-encoded)
   * @param query the raw query, or null
   * @param hostHeader the Host header, or null
   * @param client the client's address, or null when unknown (answered here)
   */
  static Optional<String> location(String method, String rawPath, String query, String hostHeader, InetAddress client,
      int httpsPort) {
    if (!method.equals("GET") && !method.equals("HEAD")) return Optional.empty();
    if (client == null || client.isLoopbackAddress()) return Optional.empty();
    if (rawPath.equals("/api") || rawPath.startsWith("/api/") || rawPath.equals("/ws") || rawPath.startsWith("/ws/")
        || rawPath.equals("/v1") || rawPath.startsWith("/v1/") || rawPath.equals(HttpServer.CA_PATH)) {
      return Optional.empty();
    }
    if (hostHeader == null) return Optional.empty();
    var host = HOST.matcher(hostHeader.strip());
    if (!host.matches()) return Optional.empty();
    String port = httpsPort == 443 ? "" : ":" + httpsPort;
    return Optional.of("https://" + host.group(1) + port + rawPath + (query == null || query.isEmpty() ? "" : "?" + query));
  }

  private static InetAddress address(String remote) {
    if (remote == null) return null;
    String bare = remote.startsWith("[") && remote.endsWith("]") ? remote.substring(1, remote.length() - 1) : remote;
    if (!org.bouncycastle.util.IPAddress.isValid(bare)) return null;
    try {
      return InetAddress.getByName(bare); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
