package dev.hearth.web;

import dev.hearth.tls.ServerNames;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers only requests addressed to this server: the Host header must name one of {@link ServerNames} (which include
 * {@code tls.extra_names}), the host of one of {@code server.allowed_origins}, or the address the request arrived on.
 * A DNS-rebinding page, whose own domain now resolves to this machine, sends its domain as Host and is refused with
 * 403 {@code unknown_host} before any handler, page, {@code /ws} upgrade or {@code /v1} call sees it.
 */
final class HostCheck {
  private static final Logger log = LoggerFactory.getLogger(HostCheck.class);
  /** A Host header's host: a name, an IPv4 address or a bracketed IPv6 one, then an optional port. */
  private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

  private final ServerNames names;
  private final Set<String> allowedHosts;

  /** @param allowedHosts more host names (lower case), those of {@code server.allowed_origins} */
  HostCheck(ServerNames names, Set<String> allowedHosts) {
    this.names = names;
    this.allowedHosts = Set.copyOf(allowedHosts);
  }

  void install(RoutesConfig routes) {
    routes.before(ctx -> {
      if (!allows(ctx)) throw refusal(ctx).failure();
    });
    routes.wsBeforeUpgrade(ctx -> {
      if (!allows(ctx)) refusal(ctx).sendNow(ctx);
    });
  }

  /** The host part of a Host header ({@code [fd00::20]} for {@code [fd00::20]:8080}), or empty when it is malformed. */
  static Optional<String> host(String hostHeader) {
    if (hostHeader == null) return Optional.empty();
    var host = HOST.matcher(hostHeader.strip());
    return host.matches() ? Optional.of(host.group(1)) : Optional.empty();
  }

  /** Whether {@code host} (a Host header's host) is one of this server's names or an allowed origin's host. */
  boolean isOwn(String host) {
    return names.contains(host) || allowedHosts.contains(host.toLowerCase(java.util.Locale.ROOT));
  }

  private boolean allows(Context ctx) {
    String header = ctx.header("Host");
    if (header == null) return true; // HTTP/1.0 without one: not a browser, which always sends it
    Optional<String> host = host(header);
    if (host.isEmpty()) return false;
    return isOwn(host.get()) || arrivedOn(host.get(), ctx.req().getLocalAddr());
  }

  /** An IP literal Host that is the address the connection came in on names this server, whatever its interface. */
  private static boolean arrivedOn(String host, String localAddress) {
    InetAddress named = ClientAddress.of(host);
    return named != null && named.equals(ClientAddress.of(localAddress));
  }

  private static ApiError refusal(Context ctx) {
    String header = ctx.header("Host");
    log.warn("Refused {} {} from {} addressed to '{}': not a name of this server (a DNS-rebinding page, or a name to add"
        + " to tls.extra_names)", ctx.method(), ctx.path(), ctx.req().getRemoteAddr(), header);
    return ApiError.unknownHost("This server does not answer to '" + header + "'. Open it by one of its own names or"
        + " addresses; a name of your own (a reverse proxy, a DNS entry) goes in tls.extra_names.");
  }
}
