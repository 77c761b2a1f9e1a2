package dev.hearth.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCertificateTest {
  static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant LATER = NOW.plus(Duration.ofDays(60));

  @TempDir
  Path dir;

  @Test
  void aPkcs8KeyAndAFullChainAreServedAsGiven() throws Exception {
    KeyPair issuer = TestPems.ec();
    KeyPair server = TestPems.ec();
    X509Certificate leaf = TestPems.certificate("hearth.example.com", server, "Example CA", issuer, LATER);
    X509Certificate root = TestPems.authority("Example CA", issuer, LATER);
    Path cert = TestPems.write(dir.resolve("fullchain.pem"), leaf, root);
    Path key = TestPems.writePkcs8(dir.resolve("privkey.pem"), server.getPrivate());
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");

    TlsIdentity identity = UserCertificate.load(cert, key, NOW);

    assertThat(identity.chain()).containsExactly(leaf, root);
    assertThat(identity.localCa()).isEmpty();
    assertThat(identity.keyStore().getCertificateChain(identity.keyStore().aliases().nextElement())).hasSize(2);
  }

  @Test
  void aTraditionalRsaKeyIsRead() throws Exception {
    KeyPair rsa = TestPems.rsa();
    Path cert = TestPems.write(dir.resolve("cert.pem"), TestPems.certificate("hearth.example.com", rsa, "hearth.example.com", rsa, LATER));
    Path key = TestPems.write(dir.resolve("key.pem"), rsa);
    assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    assertThat(UserCertificate.load(cert, key, NOW).certificate().getPublicKey()).isEqualTo(rsa.getPublic());
  }

  @Test
  void aTraditionalEcKeyAfterItsParametersIsRead() throws Exception {
    KeyPair ec = TestPems.ecAsOpenSsl();
    Path cert = TestPems.write(dir.resolve("cert.pem"), TestPems.certificate("hearth.example.com", ec, "hearth.example.com", ec, LATER));
    Path key = TestPems.writeEcWithParameters(dir.resolve("key.pem"), ec);
    assertThat(Files.readString(key)).startsWith("-----BEGIN EC PARAMETERS-----").contains("-----BEGIN EC PRIVATE KEY-----");

    assertThat(UserCertificate.load(cert, key, NOW).certificate().getPublicKey()).isEqualTo(ec.getPublic());
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
    KeyPair mine = TestPems.ec();
    Path cert = TestPems.write(dir.resolve("cert.pem"), TestPems.certificate("hearth.example.com", mine, "x", mine, LATER));
    Path key = TestPems.writePkcs8(dir.resolve("other.pem"), TestPems.ec().getPrivate());

    assertThatThrownBy(() -> UserCertificate.load(cert, key, NOW)).isInstanceOf(TlsException.class)
        .hasMessageContaining("tls.key_file").hasMessageContaining(key.toString()).hasMessageContaining(cert.toString())
        .hasMessageContaining("is not the key of the certificate");
  }

  @Test
  void anRsaKeyForAnEcCertificateIsRefused() throws Exception {
    KeyPair ec = TestPems.ec();
    Path cert = TestPems.write(dir.resolve("cert.pem"), TestPems.certificate("hearth.example.com", ec, "x", ec, LATER));
    Path key = TestPems.write(dir.resolve("key.pem"), TestPems.rsa());

    assertThatThrownBy(() -> UserCertificate.load(cert, key, NOW)).hasMessageContaining("is not the key of the certificate");
  }

  @Test
  void aMissingFileIsNamedWithTheSettingToFix() throws Exception {
    KeyPair ec = TestPems.ec();
    Path key = TestPems.writePkcs8(dir.resolve("key.pem"), ec.getPrivate());
    Path missing = dir.resolve("nope/fullchain.pem");

    assertThatThrownBy(() -> UserCertificate.load(missing, key, NOW)).isInstanceOf(TlsException.class)
        .hasMessageContaining("tls.cert_file: " + missing + " does not exist").hasMessageContaining("point tls.cert_file at");
  }

  @Test
  void aCertificateFileWithoutACertificateSaysSo() throws Exception {
    KeyPair ec = TestPems.ec();
    Path key = TestPems.writePkcs8(dir.resolve("key.pem"), ec.getPrivate());

    assertThatThrownBy(() -> UserCertificate.load(key, key, NOW)).hasMessageContaining("holds no certificate");
  }

  @Test
  void aKeyFileWithoutAKeySaysSo() throws Exception {
    KeyPair ec = TestPems.ec();
    Path cert = TestPems.write(dir.resolve("cert.pem"), TestPems.certificate("hearth.example.com", ec, "x", ec, LATER));

    assertThatThrownBy(() -> UserCertificate.load(cert, cert, NOW)).hasMessageContaining("tls.key_file")
        .hasMessageContaining("holds no private key");
  }

  @Test
  void aPassphraseProtectedKeyIsRefusedWithTheCommandThatUnlocksIt() throws Exception {
    KeyPair ec = TestPems.ec();
    Path cert = TestPems.write(dir.resolve("cert.pem"), TestPems.certificate("hearth.example.com", ec, "x", ec, LATER));
    Path key = TestPems.writeEncrypted(dir.resolve("key.pem"), ec);

    assertThatThrownBy(() -> UserCertificate.load(cert, key, NOW)).hasMessageContaining("passphrase")
        .hasMessageContaining("openssl pkey -in " + key);
  }

  @Test
  void theUsersFilesAreNeverWritten() throws Exception {
    KeyPair ec = TestPems.ec();
    Path cert = TestPems.write(dir.resolve("cert.pem"), TestPems.certificate("hearth.example.com", ec, "x", ec, NOW.minusSeconds(60)));
    Path key = TestPems.writePkcs8(dir.resolve("key.pem"), ec.getPrivate());
    String before = Files.readString(cert) + Files.readString(key);

    UserCertificate.load(cert, key, NOW); // expired: served anyway, with a warning

    assertThat(Files.readString(cert) + Files.readString(key)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(2);
    }
  }
}
