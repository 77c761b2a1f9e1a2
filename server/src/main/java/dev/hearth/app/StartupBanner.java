package dev.hearth.app;

import dev.hearth.protocols.ProtocolServer;
import dev.hearth.tls.ServerNames;
import dev.hearth.tls.TlsIdentity;
import dev.hearth.web.HttpServer;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What start-up prints once the server is ready: the addresses to open, and how a phone trusts the certificate. */
final class StartupBanner {
  private StartupBanner() {}

  /** Where a protocol's clients connect: {@code address} has {@code HOST} where the host name goes. */
  record Endpoint(String label, String address) {
    /** Where {@code server}'s clients connect, on the ports it bound. */
    static Endpoint of(ProtocolServer server) {
      Map<String, Integer> p = server.ports();
      return switch (server.name()) {
        case "vosk-server" -> new Endpoint("vosk-server", "ws://HOST:" + p.get("ws") + "/");
        case "wyoming" -> new Endpoint("Wyoming", p.get("stt").equals(p.get("tts"))
            ? "tcp://HOST:" + p.get("stt") + " (speech to text and text to speech)"
            : "tcp://HOST:" + p.get("stt") + " (speech to text), tcp://HOST:" + p.get("tts") + " (text to speech)");
        case "marytts" -> new Endpoint("MaryTTS", "http://HOST:" + p.get("http") + "/process");
        default -> new Endpoint(server.name(), p.toString());
      };
    }
  }

  /**
   * All of it: the page's addresses, where the other protocols' clients connect ({@code servers}, and {@code /v1} when
   * {@code openAiApi} is on), and a new pairing code.
   *
   * @param bindHost {@code server.host}
   */
  static String of(ServerNames names, String bindHost, HttpServer http, Optional<TlsIdentity> tls,
      List<ProtocolServer> servers, boolean openAiApi) {
    List<Endpoint> endpoints = new ArrayList<>(servers.stream().map(Endpoint::of).toList());
    if (openAiApi) endpoints.add(new Endpoint("OpenAI API", "http://HOST:" + http.port() + "/v1"));
    return text(names, bindHost, http.port(), http.httpsPort(), tls) + protocols(names, bindHost, endpoints)
        + "Pair a phone or tablet: open the page on it and enter " + http.pairingCode()
        + " (valid 10 minutes, once; `hearth pair` prints a new code).\n";
  }

  /**
   * @param bindHost {@code server.host}
   * @param httpsPort the bound HTTPS port, or -1 when HTTPS is off
   * @param identity the certificate served over HTTPS, empty when HTTPS is off
   */
  static String text(ServerNames names, String bindHost, int httpPort, int httpsPort, Optional<TlsIdentity> identity) {
    List<String> hosts = networkHosts(names, bindHost);
    if (identity.isPresent() && identity.get().localCa().isEmpty()) {
      List<String> certified = dnsNames(identity.get().certificate());
      if (!certified.isEmpty()) hosts = certified;
    }
    StringBuilder out = new StringBuilder("Hearth is ready. Open it in a browser:\n");
    out.append("  on this machine:    http://localhost:").append(httpPort).append("/\n");
    String label = "  on your network:    ";
    String indent = " ".repeat(label.length());
    if (httpsPort > 0) {
      List<String> shown = hosts.isEmpty() ? List.of("localhost") : hosts;
      for (int i = 0; i < shown.size(); i++) {
        out.append(i == 0 ? (hosts.isEmpty() ? "  over HTTPS:         " : label) : indent)
            .append("https://").append(shown.get(i)).append(':').append(httpsPort).append("/\n");
      }
      out.append("  WebSocket:          wss://HOST:").append(httpsPort).append("/ws, or ws://localhost:").append(httpPort).append("/ws\n");
      if (identity.get().localCa().isPresent() && !hosts.isEmpty()) {
        out.append("A phone warns about the certificate until it trusts Hearth's own CA: once, open http://")
            .append(caHost(names, hosts)).append(':').append(httpPort).append(HttpServer.CA_PATH)
            .append(" on it and install it (see \"HTTPS and your phone\" in the README).\n");
      }
    } else {
      for (int i = 0; i < hosts.size(); i++) {
        out.append(i == 0 ? label : indent).append("http://").append(hosts.get(i)).append(':').append(httpPort).append("/\n");
      }
      if (!hosts.isEmpty()) {
        out.append("HTTPS is off (tls.enabled=false): browsers on other devices will not let the page use the microphone.\n");
      }
    }
    return out.toString();
  }

  /**
   * The other projects' protocols and where their clients connect, one line each, e.g.
   * {@code "  Wyoming (Home Assistant): tcp://pi.local:10300 (speech to text)"}; empty when all are off.
   *
   * @param endpoints in the order to print
   */
  static String protocols(ServerNames names, String bindHost, List<Endpoint> endpoints) {
    if (endpoints.isEmpty()) return "";
    List<String> hosts = networkHosts(names, bindHost);
    String host = hosts.isEmpty() ? "localhost" : hosts.get(0);
    StringBuilder out = new StringBuilder("Other projects' clients can use it too (see docs/):\n");
    for (Endpoint e : endpoints) {
      out.append("  ").append(e.label()).append(':').append(" ".repeat(Math.max(1, 19 - e.label().length())))
          .append(e.address().replace("HOST", host)).append('\n');
    }
    return out.toString();
  }

  /** How other devices reach this server: {@code hostname.local} and the LAN addresses, or the one bound address. */
  private static List<String> networkHosts(ServerNames names, String bindHost) {
    String bare = bindHost.replace("[", "").replace("]", "");
    if (bare.equals("0.0.0.0") || bare.equals("::") || bare.equals("0:0:0:0:0:0:0:0")) {
      List<String> hosts = new ArrayList<>();
      if (!names.hostname().equals("localhost")) hosts.add(names.hostname() + ".local");
      for (InetAddress a : names.lanAddresses()) hosts.add(ServerNames.urlHost(a));
      return hosts;
    }
    if (bare.equals("localhost") || bare.startsWith("127.") || bare.equals("::1")) return List.of();
    return List.of(bare.contains(":") ? "[" + bare + "]" : bare);
  }

  /** An address rather than a {@code .local} name where there is one: older Android phones cannot resolve those. */
  private static String caHost(ServerNames names, List<String> hosts) {
    for (String h : hosts) if (!h.endsWith(".local")) return h;
    return hosts.get(0);
  }

  private static List<String> dnsNames(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    try {
      if (cert.getSubjectAlternativeNames() == null) return names;
      for (List<?> entry : cert.getSubjectAlternativeNames()) {
        if ((Integer) entry.get(0) == 2 && !((String) entry.get(1)).startsWith("*")) names.add((String) entry.get(1));
      }
    } catch (CertificateParsingException e) {
      // no names to show: fall back to the machine's
    }
    return names;
  }
}
