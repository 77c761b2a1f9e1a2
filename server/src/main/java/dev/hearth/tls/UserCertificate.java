package dev.hearth.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The user's own certificate and key ({@code tls.cert_file}, {@code tls.key_file}). Only read, never written. */
public final class UserCertificate {
  private static final Logger log = LoggerFactory.getLogger(UserCertificate.class);

  private UserCertificate() {}

  /**
   * Reads the chain (server certificate first, as in Let's Encrypt's {@code fullchain.pem}) and its key.
   *
   * @throws TlsException naming the file and the fix when a file is missing or unreadable, holds no certificate or
   *     key, or the key is not the certificate's
   */
  public static TlsIdentity load(Path certFile, Path keyFile, Instant now) {
    List<X509Certificate> chain = readChain(certFile);
    PrivateKey key = readKey(keyFile);
    if (!Keys.match(key, chain.get(0).getPublicKey())) {
      throw new TlsException("tls.key_file: " + keyFile + " is not the key of the certificate in " + certFile
          + " (the first certificate in that file must be the server's own, as in fullchain.pem); give the matching pair");
    }
    X509Certificate cert = chain.get(0);
    if (cert.getNotAfter().toInstant().isBefore(now)) {
      log.warn("tls.cert_file: the certificate in {} expired on {}; browsers will refuse it until you renew it", certFile,
          cert.getNotAfter().toInstant());
    }
    log.info("Serving HTTPS with your certificate for {} from {}", cert.getSubjectX500Principal().getName(), certFile);
    return TlsIdentity.user(key, chain);
  }

  private static List<X509Certificate> readChain(Path file) {
    checkReadable("tls.cert_file", file, "your certificate");
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(file);
    } catch (IOException | RuntimeException e) {
      throw new TlsException("tls.cert_file: cannot read " + file + " as PEM (" + e.getMessage()
          + "); it must hold -----BEGIN CERTIFICATE----- blocks", e);
    }
    if (chain.isEmpty()) {
      throw new TlsException("tls.cert_file: " + file + " holds no certificate (no -----BEGIN CERTIFICATE----- block);"
          + " point it at the certificate file, e.g. fullchain.pem, not the key");
    }
    return chain;
  }

  private static PrivateKey readKey(Path file) {
    checkReadable("tls.key_file", file, "the certificate's private key");
    PrivateKey key;
    try {
      key = Pem.privateKey(file);
    } catch (Pem.EncryptedKeyException e) {
      throw new TlsException("tls.key_file: the key in " + file + " is protected by a passphrase, which Hearth cannot type;"
          + " write an unprotected copy with `openssl pkey -in " + file + " -out key.pem` and use that", e);
    } catch (IOException | RuntimeException e) {
      throw new TlsException("tls.key_file: cannot read " + file + " as a PEM private key (" + e.getMessage() + ")", e);
    }
    if (key == null) {
      throw new TlsException("tls.key_file: " + file + " holds no private key (expected -----BEGIN PRIVATE KEY-----,"
          + " -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----); point it at the key, e.g. privkey.pem");
    }
    return key;
  }

  private static void checkReadable(String setting, Path file, String what) {
    if (!Files.exists(file)) {
      throw new TlsException(setting + ": " + file + " does not exist; point " + setting + " at " + what
          + " (PEM), or leave tls.cert_file and tls.key_file empty to use the certificate Hearth makes itself");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new TlsException(setting + ": " + file + " is not a readable file; give the user running Hearth read access"
          + " (e.g. `sudo setfacl -m u:$USER:r " + file + "`) or copy it somewhere it can read");
    }
  }
}
