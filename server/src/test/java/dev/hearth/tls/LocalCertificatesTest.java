package dev.hearth.tls;

import static dev.hearth.tls.CertificateAssertions.dnsNames;
import static dev.hearth.tls.CertificateAssertions.fingerprint;
import static dev.hearth.tls.CertificateAssertions.ipAddresses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCertificatesTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  static final ServerNames PI = ServerNames.of("raspberrypi", List.of(ServerNames.literal("192.168.1.20"),
      ServerNames.literal("fd00::20")), List.of("hearth.home.arpa"));

  @Test
  void theServerCertificateCoversEveryNameAndAddress(@TempDir Path dir) throws Exception {
    X509Certificate cert = LocalCertificates.load(dir, PI, CLOCK).certificate();

    assertThat(dnsNames(cert)).containsExactlyInAnyOrder("localhost", "raspberrypi", "raspberrypi.local", "hearth.home.arpa");
    assertThat(ipAddresses(cert)).containsExactlyInAnyOrderElementsOf(PI.addresses());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=raspberrypi");
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    Duration validity = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    assertThat(validity).isLessThanOrEqualTo(Duration.ofDays(825));
    assertThat(cert.getNotBefore().toInstant()).isBefore(T0);
  }

  @Test
  void theCaSignsTheServerCertificateAndMaySignNothingElseButCertificates(@TempDir Path dir) throws Exception {
    TlsIdentity identity = LocalCertificates.load(dir, PI, CLOCK);
    X509Certificate ca = identity.localCa().orElseThrow();

    identity.certificate().verify(ca.getPublicKey());
    assertThat(ca.getSubjectX500Principal().getName()).contains("CN=Hearth local CA (raspberrypi)");
    assertThat(ca.getBasicConstraints()).isEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(ca.getKeyUsage()[0]).as("digitalSignature").isFalse();
    assertThat(ca.getNotAfter().toInstant()).isAfter(T0.plus(Duration.ofDays(3640)));
    assertThat(identity.chain()).containsExactly(identity.certificate(), ca);
  }

  @Test
  void theFilesArePemAndTheKeysAreTheOwnersAlone(@TempDir Path dir) throws Exception {
    LocalCertificates.load(dir, PI, CLOCK);

    assertThat(Files.readString(dir.resolve("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(Files.readString(dir.resolve("server.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    for (String key : List.of("ca.key", "server.key")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key)))).as(key).isEqualTo("rw-------");
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.crt", "ca.key", "server.crt", "server.key");
    }
  }

  @Test
  void aSecondStartReusesBothCertificates(@TempDir Path dir) throws Exception {
    TlsIdentity first = LocalCertificates.load(dir, PI, CLOCK);
    TlsIdentity second = LocalCertificates.load(dir, PI, Clock.offset(CLOCK, Duration.ofDays(100)));

    assertThat(fingerprint(second.certificate())).isEqualTo(fingerprint(first.certificate()));
    assertThat(fingerprint(second.localCa().orElseThrow())).isEqualTo(fingerprint(first.localCa().orElseThrow()));
  }

  /** DHCP gave the machine a new address: the server certificate must cover it, and phones must keep trusting the CA. */
  @Test
  void aNewAddressReissuesTheServerCertificateButKeepsTheCa(@TempDir Path dir) throws Exception {
    TlsIdentity before = LocalCertificates.load(dir, PI, CLOCK);
    ServerNames moved = ServerNames.of("raspberrypi", List.of(ServerNames.literal("192.168.1.77")), List.of());

    TlsIdentity after = LocalCertificates.load(dir, moved, CLOCK);

    assertThat(fingerprint(after.certificate())).isNotEqualTo(fingerprint(before.certificate()));
    assertThat(ipAddresses(after.certificate())).contains(ServerNames.literal("192.168.1.77"));
    assertThat(fingerprint(after.localCa().orElseThrow())).isEqualTo(fingerprint(before.localCa().orElseThrow()));
    after.certificate().verify(before.localCa().orElseThrow().getPublicKey());
  }

  @Test
  void aServerCertificateThatExpiresWithinThirtyDaysIsReissued(@TempDir Path dir) throws Exception {
    TlsIdentity before = LocalCertificates.load(dir, PI, CLOCK);
    Instant soon = before.certificate().getNotAfter().toInstant().minus(Duration.ofDays(29));

    TlsIdentity after = LocalCertificates.load(dir, PI, Clock.fixed(soon, ZoneOffset.UTC));

    assertThat(fingerprint(after.certificate())).isNotEqualTo(fingerprint(before.certificate()));
    assertThat(after.certificate().getNotAfter().toInstant()).isAfter(soon.plus(Duration.ofDays(800)));
    assertThat(fingerprint(after.localCa().orElseThrow())).isEqualTo(fingerprint(before.localCa().orElseThrow()));
  }

  @Test
  void aNameThatWentAwayDoesNotReissue(@TempDir Path dir) throws Exception {
    TlsIdentity before = LocalCertificates.load(dir, PI, CLOCK);
    ServerNames fewer = ServerNames.of("raspberrypi", List.of(ServerNames.literal("192.168.1.20")), List.of());

    assertThat(fingerprint(LocalCertificates.load(dir, fewer, CLOCK).certificate())).isEqualTo(fingerprint(before.certificate()));
  }

  @Test
  void aDamagedServerKeyIsReplaced(@TempDir Path dir) throws Exception {
    TlsIdentity before = LocalCertificates.load(dir, PI, CLOCK);
    Files.writeString(dir.resolve("server.key"), "not a key");

    TlsIdentity after = LocalCertificates.load(dir, PI, CLOCK);

    assertThat(fingerprint(after.certificate())).isNotEqualTo(fingerprint(before.certificate()));
    assertThat(fingerprint(after.localCa().orElseThrow())).isEqualTo(fingerprint(before.localCa().orElseThrow()));
  }

  @Test
  void aDamagedCaStopsStartUpAndSaysHowToStartOver(@TempDir Path dir) throws Exception {
    LocalCertificates.load(dir, PI, CLOCK);
    Files.writeString(dir.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> LocalCertificates.load(dir, PI, CLOCK))
        .isInstanceOf(TlsException.class).hasMessageContaining(dir.resolve("ca.key").toString())
        .hasMessageContaining("delete the folder " + dir);
  }

  @Test
  void theKeyStoreHoldsTheKeyAndChainForJetty(@TempDir Path dir) throws Exception {
    TlsIdentity identity = LocalCertificates.load(dir, PI, CLOCK);
    var store = identity.keyStore();
    String alias = store.aliases().nextElement();

    assertThat(store.isKeyEntry(alias)).isTrue();
    assertThat(store.getKey(alias, identity.keyStorePassword().toCharArray())).isNotNull();
    assertThat(store.getCertificateChain(alias)).hasSize(2);
  }
}
