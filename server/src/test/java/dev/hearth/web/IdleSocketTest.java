package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.protocols.page.ServerMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A socket whose client has gone (no frames, no pongs) is closed after {@code server.idle_timeout_millis}; one whose
 * client answers the server's pings stays open however long it is idle. Regression: the server's own pings counted
 * as activity for Jetty's idle timer, so a client that vanished without closing was never dropped.
 */
class IdleSocketTest {
  private static final long IDLE_MILLIS = 5_000;
  private static TestEdge edge;

  @BeforeAll
  static void start() {
    edge = TestEdge.start((dev.hearth.tls.TlsIdentity) null, OwnCertificateTest.LOCAL, Map.of("tls.enabled", "false",
        "server.ping_interval_millis", "1000", "server.idle_timeout_millis", String.valueOf(IDLE_MILLIS)));
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  @Test
  void aClientThatAnswersNothingIsClosedOnceTheIdleTimeoutHasPassed() throws Exception {
    try (SilentWsClient silent = SilentWsClient.connect(edge.port())) {
      long start = System.nanoTime();
      SilentWsClient.Closed closed = silent.awaitClose(Duration.ofMillis(IDLE_MILLIS * 3));
      long afterMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(closed.pingsBefore()).as("pings the server sent meanwhile").isGreaterThanOrEqualTo(3);
      assertThat(closed.code()).isEqualTo(1001);
      assertThat(closed.reason()).contains("server.idle_timeout_millis");
      assertThat(afterMillis).isBetween(IDLE_MILLIS - 200, IDLE_MILLIS + 2_500);
    }
  }

  @Test
  void aClientThatAnswersPingsStaysOpenPastTheIdleTimeout() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(edge.port())) { // java.net.http answers every ping with a pong
      long until = System.nanoTime() + Duration.ofMillis(IDLE_MILLIS + 2_500).toNanos();
      while (System.nanoTime() < until) {
        assertThat(ws.closed()).isFalse();
        Thread.sleep(100);
      }
      ws.send("{\"type\":\"stop\"}");
      assertThat(ws.await(ServerMessage.Error.class).code()).isEqualTo("not_listening");
    }
  }
}
