package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.app.TestServers;
import dev.hearth.tls.ServerNames;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browsers on other machines are sent to HTTPS, where the page may use the microphone; nothing else moves. */
class HttpsRedirectTest {
  static final InetAddress PHONE = address("192.168.1.50");
  static final InetAddress LOOPBACK = address("127.0.0.1");

  static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** This server's names in these tests: raspberrypi(.local), 192.168.1.20 and fd00::20, and hearth.example.com. */
  static final ServerNames NAMES = ServerNames.of("raspberrypi", List.of(address("192.168.1.20"), address("fd00::20")),
      List.of("hearth.example.com"));

  static Optional<String> from(InetAddress client, String method, String path, String query, String host) {
    return HttpsRedirect.location(method, path, query, host, client, 8443, NAMES::contains, NAMES.preferredHost());
  }

  @Test
  void aPhoneOpeningThePageIsSentToHttpsOnTheSameName() {
    assertThat(from(PHONE, "GET", "/", null, "raspberrypi.local:8080")).contains("https://raspberrypi.local:8443/");
    assertThat(from(PHONE, "HEAD", "/hearth.js", "v=2&x=%20", "192.168.1.20:8080"))
        .contains("https://192.168.1.20:8443/hearth.js?v=2&x=%20");
    assertThat(from(PHONE, "GET", "/", null, "[fd00::20]:8080")).contains("https://[fd00::20]:8443/");
    assertThat(from(PHONE, "GET", "/", null, "raspberrypi.local")).contains("https://raspberrypi.local:8443/");
    assertThat(HttpsRedirect.location("GET", "/", null, "hearth.example.com", PHONE, 443, NAMES::contains, "192.168.1.20"))
        .contains("https://hearth.example.com/");
  }

  @Test
  void thisMachineStaysOnHttpBecauseLocalhostIsASecureContext() {
    assertThat(from(LOOPBACK, "GET", "/", null, "localhost:8080")).isEmpty();
    assertThat(from(address("::1"), "GET", "/", null, "[::1]:8080")).isEmpty();
  }

  @Test
  void theApiTheSocketTheOpenAiApiAndTheCaDownloadStayOnHttp() {
    for (String path : List.of("/api/health", "/api", "/api/conversations/x", "/ws", "/v1", "/v1/models", HttpServer.CA_PATH)) {
      assertThat(from(PHONE, "GET", path, null, "raspberrypi.local:8080")).as(path).isEmpty();
    }
    assertThat(from(PHONE, "POST", "/", null, "raspberrypi.local:8080")).isEmpty();
  }

  @Test
  void aMissingOrStrangeHostHeaderIsSentToTheServersOwnName() {
    assertThat(from(PHONE, "GET", "/", null, null)).contains("https://192.168.1.20:8443/");
    assertThat(from(PHONE, "GET", "/", null, "evil.example/path")).contains("https://192.168.1.20:8443/");
    assertThat(from(PHONE, "GET", "/", null, "a b")).contains("https://192.168.1.20:8443/");
    assertThat(from(null, "GET", "/", null, "raspberrypi.local")).isEmpty();
  }

  /**
   * Issue 15: a plain-HTTP request was redirected to whatever its Host header named, so a request with
   * {@code Host: attacker.example} sent the browser to https://attacker.example. The redirect now names this server.
   */
  @Test
  void issue15TheRedirectNamesThisServerNotTheHostHeader() {
    assertThat(from(PHONE, "GET", "/", null, "attacker.example:8080")).contains("https://192.168.1.20:8443/");
    assertThat(from(PHONE, "GET", "/?next=1", null, "attacker.example")).get().asString().doesNotContain("attacker");
  }

  /** Issue 15, over real sockets: a plain-HTTP request naming another host is never sent there. */
  @Test
  void issue15APlainHttpRequestNamingAnotherHostIsNotRedirectedThere(@TempDir Path tls) throws Exception {
    ServerNames names = ServerNames.detect(List.of());
    Optional<InetAddress> lan = names.lanAddresses().stream().filter(a -> a instanceof Inet4Address).findFirst();
    assumeTrue(lan.isPresent(), "this machine has no IPv4 LAN address");
    try (TestEdge edge = TestEdge.start(tls, names, Map.of("server.host", "0.0.0.0"))) {
      RawHttp.Response r = RawHttp.get(lan.get(), edge.port(), "attacker.example", "/");
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.header("Location")).isNull();
    }
  }

  /** Over real sockets: a request from this machine's LAN address is a non-loopback client. */
  @Test
  void aLanClientIsRedirectedAndTheHttpsPageItLandsOnIsTrusted(@TempDir Path tls) throws Exception {
    ServerNames names = ServerNames.detect(List.of());
    Optional<InetAddress> lan = names.lanAddresses().stream().filter(a -> a instanceof Inet4Address).findFirst();
    assumeTrue(lan.isPresent(), "this machine has no IPv4 LAN address");
    String ip = lan.get().getHostAddress();
    try (TestEdge edge = TestEdge.start(tls, names, Map.of("server.host", "0.0.0.0"))) {
      RawHttp.Response page = RawHttp.get(lan.get(), edge.port(), ip + ":" + edge.port(), "/?lang=en");
      assertThat(page.status()).isEqualTo(308);
      assertThat(page.header("Location")).isEqualTo("https://" + ip + ":" + edge.httpsPort() + "/?lang=en");

      // another machine (this one's LAN address is not loopback) gets no data without pairing
      assertThat(RawHttp.get(lan.get(), edge.port(), ip + ":" + edge.port(), "/api/health").status()).isEqualTo(401);
      assertThat(RawHttp.get(lan.get(), edge.port(), ip + ":" + edge.port(), HttpServer.CA_PATH).status()).isEqualTo(200);
      assertThat(RawHttp.get(InetAddress.getLoopbackAddress(), edge.port(), "localhost:" + edge.port(), "/").status())
          .isEqualTo(200);

      HttpClient trusting = HttpClient.newBuilder().sslContext(TestServers.trusting(TestServers.caCertificate(edge.port()))).build();
      HttpResponse<String> landed = trusting.send(HttpRequest.newBuilder(URI.create(page.header("Location"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(landed.statusCode()).isEqualTo(303);
      assertThat(landed.headers().firstValue("Location")).contains(DeviceGate.PAIR_PAGE);
    }
  }
}
