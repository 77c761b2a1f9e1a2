package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.TestServers;
import dev.hearth.tls.ServerNames;
import dev.hearth.tls.TestPems;
import dev.hearth.tls.UserCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the user's own certificate there is no Hearth CA to hand out; with HTTPS off there is none at all. */
class OwnCertificateTest {
  static final ServerNames LOCAL = ServerNames.of("localhost", List.of(), List.of());
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theUsersCertificateIsServedAndTheCaDownloadExplainsWhyThereIsNone(@TempDir Path dir) throws Exception {
    KeyPair issuer = TestPems.ec();
    KeyPair server = TestPems.ec();
    Instant until = Instant.now().plus(Duration.ofDays(30));
    X509Certificate root = TestPems.authority("Example CA", issuer, until);
    Path chain = TestPems.write(dir.resolve("fullchain.pem"), TestPems.certificate("localhost", server, "Example CA", issuer, until), root);
    Path key = TestPems.writePkcs8(dir.resolve("privkey.pem"), server.getPrivate());

    try (TestEdge edge = TestEdge.start(UserCertificate.load(chain, key, Instant.now()), LOCAL, Map.of())) {
      HttpClient trustingRoot = HttpClient.newBuilder().sslContext(TestServers.trusting(root)).build();
      HttpResponse<String> health = trustingRoot.send(
          HttpRequest.newBuilder(URI.create("https://localhost:" + edge.httpsPort() + "/api/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      HttpResponse<String> ca = TestServers.get(edge.port(), HttpServer.CA_PATH);
      assertThat(ca.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(ca.body()).at("/error/message").asText()).contains("tls.cert_file");
    }
  }

  @Test
  void withHttpsOffThereIsOnePortAndNoCa() throws Exception {
    try (TestEdge edge = TestEdge.start((dev.hearth.tls.TlsIdentity) null, LOCAL, Map.of("tls.enabled", "false"))) {
      assertThat(edge.httpsPort()).isEqualTo(-1);
      assertThat(TestServers.get(edge.port(), "/api/health").statusCode()).isEqualTo(200);
      HttpResponse<String> ca = TestServers.get(edge.port(), HttpServer.CA_PATH);
      assertThat(ca.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(ca.body()).at("/error/message").asText()).contains("tls.enabled");
    }
  }
}
