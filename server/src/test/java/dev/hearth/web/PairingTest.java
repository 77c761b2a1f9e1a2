package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.tls.ServerNames;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another machine needs a paired device's token; this machine's loopback does not. "Another machine" is this one's own
 * LAN address (a connection to it does not come from loopback); NetworkNamespaceTest does the same from a real other
 * address.
 */
class PairingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestEdge edge;
  private String lan;

  @BeforeEach
  void start(@TempDir Path tls) {
    ServerNames names = ServerNames.detect(List.of());
    Optional<InetAddress> address = names.lanAddresses().stream().filter(a -> a instanceof Inet4Address).findFirst();
    assumeTrue(address.isPresent(), "this machine has no IPv4 LAN address");
    lan = address.get().getHostAddress();
    edge = TestEdge.start(tls, names, Map.of("server.host", "0.0.0.0", "tls.enabled", "false"));
  }

  @AfterEach
  void stop() {
    if (edge != null) edge.close();
  }

  /**
   * Issue 15: anyone on the LAN could delete (or rename) all history: {@code DELETE} with no Origin was answered 204.
   * Without a token it is now refused and the conversation stays.
   */
  @Test
  void issue15AnotherMachineCannotDeleteOrReadHistoryWithoutAToken() throws Exception {
    String id = JSON.readTree(send("127.0.0.1", "POST", "/api/conversations", "{\"title\":\"kept\"}", null).body()).get("id").asText();

    HttpResponse<String> delete = send(lan, "DELETE", "/api/conversations/" + id, null, null);
    HttpResponse<String> rename = send(lan, "PATCH", "/api/conversations/" + id, "{\"title\":\"x\"}", null);
    HttpResponse<String> list = send(lan, "GET", "/api/conversations", null, null);

    for (HttpResponse<String> r : List.of(delete, rename, list)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("unpaired");
    }
    assertThat(send("127.0.0.1", "GET", "/api/conversations/" + id, null, null).body()).contains("\"title\":\"kept\"");
    assertThat(RawHttp.upgrade(InetAddress.getByName(lan), edge.port(), lan + ":" + edge.port(), null).status()).isEqualTo(401);
    HttpResponse<String> page = send(lan, "GET", "/", null, null);
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).contains("/pair.html");
  }

  @Test
  void thePairingPageItsScriptsAndTheCaDownloadNeedNoToken() throws Exception {
    for (String path : List.of("/pair.html", "/pair.js", "/hearth.css", "/api/pairing")) {
      assertThat(send(lan, "GET", path, null, null).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(JSON.readTree(send(lan, "GET", "/api/pairing", null, null).body()).get("paired").asBoolean()).isFalse();
  }

  /** Issue 15 (and revoking): a revoked device's token stops working, and the socket it holds open is closed. */
  @Test
  void aCodeFromThisMachineBuysATokenThatOpensTheApiTheSocketAndThePageUntilRevoked() throws Exception {
    String code = JSON.readTree(send("127.0.0.1", "POST", "/api/pairing/codes", null, null).body()).get("code").asText();
    assertThat(send(lan, "POST", "/api/pairing/codes", null, null).statusCode()).isEqualTo(401);

    HttpResponse<String> wrong = send(lan, "POST", "/api/pairing/claim", claim(code.equals("000000") ? "000001" : "000000"), null);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(wrong.body()).at("/error/code").asText()).isEqualTo("wrong_code");

    HttpResponse<String> paired = send(lan, "POST", "/api/pairing/claim", claim(code), null);
    assertThat(paired.statusCode()).isEqualTo(201);
    String token = JSON.readTree(paired.body()).get("token").asText();
    String cookie = paired.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("hearth_device=" + token + ";").contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure");
    assertThat(send(lan, "POST", "/api/pairing/claim", claim(code), null).statusCode()).as("a code works once").isEqualTo(403);

    String cookieHeader = "hearth_device=" + token;
    assertThat(send(lan, "GET", "/api/conversations", null, cookieHeader).statusCode()).isEqualTo(200);
    HttpResponse<String> page = send(lan, "GET", "/", null, cookieHeader);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Set-Cookie")).as("renewed on each visit").hasValueSatisfying(
        c -> assertThat(c).startsWith(cookieHeader + ";").contains("Max-Age=" + DeviceTokens.COOKIE_MAX_AGE_SECONDS));
    assertThat(http.send(request(lan, "GET", "/api/conversations", null).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(RawHttp.upgrade(InetAddress.getByName(lan), edge.port(), lan + ":" + edge.port(), null,
        "Cookie: " + cookieHeader + "\r\n").status()).isEqualTo(101);

    JsonNode devices = JSON.readTree(send(lan, "GET", "/api/devices", null, cookieHeader).body()).get("devices");
    assertThat(devices).hasSize(1);
    assertThat(devices.get(0).get("name").asText()).isEqualTo("Test phone");
    assertThat(devices.get(0).get("this_device").asBoolean()).isTrue();
    assertThat(devices.toString()).doesNotContain(token);

    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket open = http.newWebSocketBuilder().header("Cookie", cookieHeader)
        .buildAsync(URI.create("ws://" + lan + ":" + edge.port() + "/ws"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);

    String id = devices.get(0).get("id").asText();
    assertThat(send("127.0.0.1", "DELETE", "/api/devices/" + id, null, null).statusCode()).isEqualTo(204);
    assertThat(closed.get(10, TimeUnit.SECONDS)).as("the revoked device's open socket is closed (policy violation)")
        .isEqualTo(1008);
    open.abort();
    assertThat(send(lan, "GET", "/api/conversations", null, cookieHeader).statusCode()).isEqualTo(401);
    assertThat(send("127.0.0.1", "DELETE", "/api/devices/" + id, null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void wrongGuessesAreAnsweredTooManyAttemptsAfterFive() throws Exception {
    send("127.0.0.1", "POST", "/api/pairing/codes", null, null);
    int throttled = 0;
    for (int i = 0; i < PairingCodes.WRONG_PER_MINUTE + 1; i++) {
      HttpResponse<String> r = send(lan, "POST", "/api/pairing/claim", claim(String.format("%06d", i)), null);
      if (r.statusCode() == 429) {
        throttled++;
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      }
    }
    assertThat(throttled).isGreaterThanOrEqualTo(1);
  }

  /** Over HTTPS the cookie is Secure, so a browser never sends it over plain HTTP. */
  @Test
  void overHttpsTheCookieIsSecure(@TempDir Path tls) throws Exception {
    try (TestEdge secure = TestEdge.start(tls.resolve("own"), ServerNames.of("raspberrypi", List.of(), List.of()), Map.of())) {
      HttpClient trusting = HttpClient.newBuilder()
          .sslContext(dev.hearth.app.TestServers.trusting(dev.hearth.app.TestServers.caCertificate(secure.port()))).build();
      String code = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secure.port() + "/api/pairing/codes"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body()).get("code").asText();
      HttpResponse<String> paired = trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:" + secure.httpsPort()
          + "/api/pairing/claim")).POST(HttpRequest.BodyPublishers.ofString(claim(code))).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(paired.statusCode()).isEqualTo(201);
      assertThat(paired.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict", "Secure");
    }
  }

  @Test
  void badClaimsAreClearErrors() throws Exception {
    assertThat(send(lan, "POST", "/api/pairing/claim", "{\"code\":\"12\"}", null).statusCode()).isEqualTo(400);
    assertThat(send(lan, "POST", "/api/pairing/claim", "not json", null).statusCode()).isEqualTo(400);
    assertThat(send(lan, "POST", "/api/pairing/claim", "{\"code\":\"123456\",\"name\":\"" + "x".repeat(61) + "\"}", null)
        .statusCode()).isEqualTo(400);
  }

  private static String claim(String code) {
    return "{\"code\":\"" + code + "\",\"name\":\"Test phone\"}";
  }

  private HttpRequest.Builder request(String host, String method, String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://" + host + ":" + edge.port() + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(String host, String method, String path, String body, String cookie) throws Exception {
    HttpRequest.Builder b = request(host, method, path, body);
    if (cookie != null) b.header("Cookie", cookie);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
