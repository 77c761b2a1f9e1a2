package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.protocols.page.ServerMessage.ReplyFinal;
import dev.hearth.protocols.page.ServerMessage.TurnDone;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole server over HTTPS with the certificate it makes itself, trusted the way a phone trusts it: through its CA. */
class HttpsTest {
  @TempDir
  static Path data;
  private static Hearth hearth;

  @BeforeAll
  static void start() {
    hearth = TestServers.start(data, TestServers.TEXT_ONLY);
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @Test
  void healthOverHttpsIsTrustedThroughTheDownloadedCaByNameAndByAddress() throws Exception {
    assertThat(TestServers.httpsGet(hearth, "localhost", "/api/health").statusCode()).isEqualTo(200);
    assertThat(TestServers.httpsGet(hearth, "127.0.0.1", "/api/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aClientThatDoesNotTrustTheCaIsRefused() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + hearth.httpsPort() + "/api/health")).build();
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void theCaDownloadIsTheStoredCaInDerForPhonesToInstall() throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hearth.port() + HttpServer.CA_PATH)).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-x509-ca-cert");
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    X509Certificate served = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(r.body()));
    X509Certificate stored;
    try (var in = Files.newInputStream(data.resolve("tls/ca.crt"))) {
      stored = (X509Certificate) x509.generateCertificate(in);
    }
    assertThat(served).isEqualTo(stored);
    assertThat(served.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(TestServers.httpsGet(hearth, "localhost", HttpServer.CA_PATH).statusCode()).isEqualTo(200);
  }

  @Test
  void aTypedTurnWorksOverWssFromTheHttpsPage() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(TestServers.trusting(TestServers.caCertificate(hearth.port()))).build();
    URI uri = URI.create("wss://localhost:" + hearth.httpsPort() + "/ws");
    try (WsTestClient ws = WsTestClient.connect(client, uri, "https://localhost:" + hearth.httpsPort())) {
      ws.send("{\"type\":\"text\",\"text\":\"what is two plus two\"}");
      ws.await(TurnDone.class);
      assertThat(ws.await(ReplyFinal.class).text()).contains("4");
    }
  }

  @Test
  void theBannerNamesTheBoundPorts() {
    assertThat(hearth.banner()).contains("http://localhost:" + hearth.port() + "/")
        .contains("https://localhost:" + hearth.httpsPort() + "/");
  }

  @Test
  void aMismatchedKeyStopsStartUpBeforeTheModelsLoad(@TempDir Path dir) throws Exception {
    var keys = dev.hearth.tls.TestPems.ec();
    Path cert = dev.hearth.tls.TestPems.write(dir.resolve("cert.pem"),
        dev.hearth.tls.TestPems.certificate("localhost", keys, "localhost", keys, java.time.Instant.now().plusSeconds(86_400)));
    Path otherKey = dev.hearth.tls.TestPems.writePkcs8(dir.resolve("key.pem"), dev.hearth.tls.TestPems.ec().getPrivate());

    assertThatThrownBy(() -> TestServers.start(dir.resolve("data"), Map.of("tls.cert_file", cert.toString(),
        "tls.key_file", otherKey.toString())))
        .isInstanceOf(Hearth.StartupException.class).hasMessageContaining("tls.key_file").hasMessageContaining(otherKey.toString());
  }
}
