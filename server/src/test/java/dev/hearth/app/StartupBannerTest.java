package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.tls.LocalCertificates;
import dev.hearth.tls.ServerNames;
import dev.hearth.tls.TestPems;
import dev.hearth.tls.TlsIdentity;
import dev.hearth.tls.UserCertificate;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupBannerTest {
  static final ServerNames PI = ServerNames.of("raspberrypi", List.of(ip("192.168.1.20"), ip("fd00::20")), List.of());

  static InetAddress ip(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void onTheWholeNetworkItListsTheLocalNameEachAddressAndWhereToGetTheCa(@TempDir Path dir) {
    TlsIdentity local = LocalCertificates.load(dir, PI, Clock.systemUTC());

    String banner = StartupBanner.text(PI, "0.0.0.0", 8080, 8443, Optional.of(local));

    assertThat(banner).contains("http://localhost:8080/", "https://raspberrypi.local:8443/", "https://192.168.1.20:8443/",
        "https://[fd00::20]:8443/", "wss://HOST:8443/ws");
    assertThat(banner).contains("http://192.168.1.20:8080/hearth-ca.crt").contains("HTTPS and your phone");
  }

  @Test
  void boundToLoopbackItListsThisMachineOnly(@TempDir Path dir) {
    TlsIdentity local = LocalCertificates.load(dir, PI, Clock.systemUTC());

    String banner = StartupBanner.text(PI, "127.0.0.1", 41000, 41001, Optional.of(local));

    assertThat(banner).contains("http://localhost:41000/", "https://localhost:41001/").doesNotContain("raspberrypi", "hearth-ca.crt");
  }

  @Test
  void withTheUsersCertificateItListsTheCertificatesNamesAndNoCa(@TempDir Path dir) throws Exception {
    var keys = TestPems.ec();
    Instant until = Instant.now().plus(Duration.ofDays(30));
    Path cert = TestPems.write(dir.resolve("cert.pem"), TestPems.certificate("hearth.example.com", keys, "x", keys, until));
    Path key = TestPems.writePkcs8(dir.resolve("key.pem"), keys.getPrivate());

    String banner = StartupBanner.text(PI, "0.0.0.0", 8080, 8443, Optional.of(UserCertificate.load(cert, key, Instant.now())));

    assertThat(banner).contains("https://hearth.example.com:8443/").doesNotContain("raspberrypi.local", "hearth-ca.crt");
  }

  @Test
  void withHttpsOffItSaysPhonesCannotUseTheMicrophone() {
    String banner = StartupBanner.text(PI, "0.0.0.0", 8080, -1, Optional.empty());

    assertThat(banner).contains("http://raspberrypi.local:8080/", "tls.enabled=false").doesNotContain("https://");
  }

  @Test
  void theOtherProtocolsAreListedWithAnAddressOtherDevicesCanUse() {
    String lines = StartupBanner.protocols(PI, "0.0.0.0", List.of(new StartupBanner.Endpoint("vosk-server", "ws://HOST:2700/"),
        new StartupBanner.Endpoint("MaryTTS", "http://HOST:59125/process")));
    assertThat(lines).contains("  vosk-server:        ws://raspberrypi.local:2700/\n", "  MaryTTS:            http://raspberrypi.local:59125/process\n");
    assertThat(StartupBanner.protocols(PI, "127.0.0.1", List.of(new StartupBanner.Endpoint("MaryTTS", "http://HOST:59125/process"))))
        .contains("http://localhost:59125/process");
    assertThat(StartupBanner.protocols(PI, "0.0.0.0", List.of())).isEmpty();
  }
}
