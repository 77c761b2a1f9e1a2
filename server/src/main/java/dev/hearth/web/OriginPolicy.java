package dev.hearth.web;

import dev.hearth.tls.ServerNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a browser page from an {@code Origin} may use the server: a page of the server itself (one of
 * {@link ServerNames} on one of the ports it listens on) or one of {@code server.allowed_origins}. The Host header is
 * never trusted: a DNS-rebinding page sends its own name as both Host and Origin.
 */
public final class OriginPolicy {
  private final ServerNames names;
  private final Supplier<Set<Integer>> ports;
  private final Set<Origin> allowed = new HashSet<>();

  /**
   * @param ports the ports the server listens on (read at each check, so it can be given before the server binds)
   * @param allowedOrigins extra origins, {@code scheme://host[:port]}
   */
  public OriginPolicy(ServerNames names, Supplier<Set<Integer>> ports, List<String> allowedOrigins) {
    this.names = names;
    this.ports = ports;
    for (String origin : allowedOrigins) {
      allowed.add(Origin.parse(origin).orElseThrow(() -> new IllegalArgumentException("not an origin: " + origin)));
    }
  }

  /**
   * Whether a request with this Origin header may go on. No header at all is allowed: only browsers send it, and a
   * browser always does for WebSockets and cross-site writes. {@code null} (sandboxed pages, files) and anything
   * unparsable are refused.
   */
  public boolean allows(String originHeader) {
    if (originHeader == null) return true;
    Optional<Origin> parsed = Origin.parse(originHeader.strip());
    if (parsed.isEmpty()) return false;
    Origin origin = parsed.get();
    if (allowed.contains(origin)) return true;
    return names.contains(origin.host()) && ports.get().contains(origin.port());
  }

  /** The hosts of {@code server.allowed_origins}, lower case (a Host header naming one of them is this server's too). */
  public Set<String> allowedHosts() {
    Set<String> hosts = new HashSet<>();
    for (Origin origin : allowed) hosts.add(origin.host());
    return hosts;
  }

  /** A web origin with its port made explicit; the host is lower case, an IPv6 one in brackets. */
  record Origin(String scheme, String host, int port) {
    static Optional<Origin> parse(String text) {
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) return Optional.empty();
      if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
          || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
        return Optional.empty();
      }
      int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port));
    }
  }
}
