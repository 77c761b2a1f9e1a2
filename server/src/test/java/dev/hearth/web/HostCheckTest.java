package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.tls.ServerNames;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Only requests addressed to this server by one of its names are answered. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private TestEdge edge;

  @BeforeAll
  void start(@TempDir Path tls) {
    edge = TestEdge.start(tls, ServerNames.of("raspberrypi", List.of(), List.of("hearth.home.arpa")),
        Map.of("server.allowed_origins", "https://proxy.example.com"));
  }

  @AfterAll
  void stop() {
    edge.close();
  }

  /**
   * Issue 15: a DNS-rebinding page (its own domain now resolving to this server) read the whole history with plain
   * GETs: {@code Host: attacker.example} was answered 200. It is now refused before any handler.
   */
  @Test
  void issue15ADnsRebindingPageCannotReadTheHistory() throws Exception {
    int port = edge.port();
    RawHttp.Response list = RawHttp.get(LOOPBACK, port, "attacker.example:" + port, "/api/conversations");
    assertThat(list.status()).isEqualTo(403);
    assertThat(JSON.readTree(list.body()).at("/error/code").asText()).isEqualTo("unknown_host");
    assertThat(JSON.readTree(list.body()).at("/error/message").asText()).contains("tls.extra_names");

    assertThat(RawHttp.get(LOOPBACK, port, "attacker.example", "/").status()).isEqualTo(403);
    assertThat(RawHttp.upgrade(LOOPBACK, port, "attacker.example:" + port, null).status()).isEqualTo(403);
  }

  @Test
  void theServersOwnNamesAndAllowedOriginsHostsAreAnswered() throws Exception {
    int port = edge.port();
    for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "raspberrypi.local:" + port,
        "RaspberryPi:" + port, "hearth.home.arpa", "proxy.example.com")) {
      assertThat(RawHttp.get(LOOPBACK, port, host, "/api/conversations").status()).as(host).isEqualTo(200);
    }
    assertThat(RawHttp.upgrade(LOOPBACK, port, "localhost:" + port, null).status()).isEqualTo(101);
  }

  @Test
  void aMalformedHostIsRefused() throws Exception {
    assertThat(RawHttp.get(LOOPBACK, edge.port(), "a b", "/api/conversations").status()).isIn(400, 403);
    assertThat(RawHttp.get(LOOPBACK, edge.port(), "evil.example/x", "/api/conversations").status()).isIn(400, 403);
  }
}
