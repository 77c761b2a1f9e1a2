package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.tls.ServerNames;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only pages of this server (or configured origins) may open /ws or change data through /api. */
class OriginGuardTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir
  static Path tls;
  static TestEdge edge;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    edge = TestEdge.start(tls, ServerNames.of("raspberrypi", List.of(), List.of()),
        Map.of("server.allowed_origins", "https://hearth.example.com"));
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  /** Opens /ws with the JDK's client, sending {@code origin}; returns the socket, or throws the handshake failure. */
  WebSocket open(String origin) throws Exception {
    return http.newWebSocketBuilder().header("Origin", origin)
        .buildAsync(URI.create("ws://127.0.0.1:" + edge.port() + "/ws"), new WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void aPageOfThisServerMayOpenTheSocketOverHttpOrHttps() throws Exception {
    for (String origin : List.of("http://localhost:" + edge.port(), "https://localhost:" + edge.httpsPort(),
        "https://raspberrypi.local:" + edge.httpsPort(), "http://127.0.0.1:" + edge.port())) {
      WebSocket ws = open(origin);
      assertThat(ws.isInputClosed()).as(origin).isFalse();
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
  }

  @Test
  void aConfiguredOriginMayOpenTheSocket() throws Exception {
    open("https://hearth.example.com").sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void aClientWithoutOriginMayOpenTheSocket() throws Exception {
    assertThat(RawHttp.upgrade(LOOPBACK, edge.port(), "127.0.0.1:" + edge.port(), null).status()).isEqualTo(101);
  }

  @Test
  void anotherSiteIsRefusedBeforeTheUpgrade() {
    assertThatThrownBy(() -> open("https://evil.example"))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
  }

  @Test
  void theRefusalIsAForbiddenOriginErrorNamingTheSetting() throws Exception {
    RawHttp.Response r = RawHttp.upgrade(LOOPBACK, edge.port(), "127.0.0.1:" + edge.port(), "https://evil.example");

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode error = JSON.readTree(r.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("forbidden_origin");
    assertThat(error.get("message").asText()).contains("https://evil.example").contains("server.allowed_origins");
  }

  /** DNS rebinding: Host and Origin both name the attacker's domain, which now resolves to this server. */
  @Test
  void aRebindingPageWhoseHostAndOriginAgreeIsRefused() throws Exception {
    int port = edge.port();
    RawHttp.Response r = RawHttp.upgrade(LOOPBACK, port, "evil.example:" + port, "http://evil.example:" + port);

    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void aNullOriginIsRefused() throws Exception {
    assertThat(RawHttp.upgrade(LOOPBACK, edge.port(), "127.0.0.1:" + edge.port(), "null").status()).isEqualTo(403);
  }

  @Test
  void anotherSiteCannotCreateOrDeleteConversations() throws Exception {
    String id = JSON.readTree(send("POST", "/api/conversations", "http://localhost:" + edge.port()).body()).get("id").asText();
    int before = total();

    HttpResponse<String> create = send("POST", "/api/conversations", "https://evil.example");
    HttpResponse<String> delete = send("DELETE", "/api/conversations/" + id, "https://evil.example");
    HttpResponse<String> rename = send("PATCH", "/api/conversations/" + id, "null");

    for (HttpResponse<String> r : List.of(create, delete, rename)) {
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("forbidden_origin");
    }
    assertThat(total()).isEqualTo(before);
    assertThat(send("GET", "/api/conversations/" + id, null).statusCode()).isEqualTo(200);
  }

  @Test
  void scriptsWithoutOriginAndConfiguredOriginsMayChangeData() throws Exception {
    assertThat(send("POST", "/api/conversations", null).statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/conversations", "https://hearth.example.com").statusCode()).isEqualTo(201);
  }

  private int total() throws Exception {
    return JSON.readTree(send("GET", "/api/conversations", null).body()).get("total").asInt();
  }

  private HttpResponse<String> send(String method, String path, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path))
        .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}"));
    if (origin != null) b.header("Origin", origin);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
