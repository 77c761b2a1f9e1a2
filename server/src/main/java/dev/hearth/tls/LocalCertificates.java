package dev.hearth.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hearth's own certificates, kept as PEM in one folder: a local CA ({@code ca.crt}, {@code ca.key}) made once, and a
 * server certificate it signs ({@code server.crt}, {@code server.key}). Later starts reuse them. The server
 * certificate alone is issued again when it no longer covers this machine's names (a new address from DHCP) or
 * expires within {@link #RENEW_BEFORE}; the CA stays, so a device that trusts it keeps working.
 */
public final class LocalCertificates {
  private static final Logger log = LoggerFactory.getLogger(LocalCertificates.class);
  /** A server certificate this close to expiry is issued again. */
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final Path dir;
  private final Clock clock;

  private LocalCertificates(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** Loads, makes or renews the certificates in {@code dir} so that the server certificate covers {@code names}. */
  public static TlsIdentity load(Path dir, ServerNames names, Clock clock) {
    return new LocalCertificates(dir, clock).identity(names);
  }

  private TlsIdentity identity(ServerNames names) {
    try {
      Pem.createPrivateDirectory(dir);
      Instant now = clock.instant();
      Ca ca = loadCa(now);
      boolean newCa = ca == null;
      if (newCa) ca = newCa(names.hostname(), now);
      Path certFile = dir.resolve("server.crt");
      Path keyFile = dir.resolve("server.key");
      String why = newCa ? null : whyReissue(certFile, keyFile, ca, names, now);
      if (!newCa && why == null) {
        return TlsIdentity.local(Pem.privateKey(keyFile), Pem.certificates(certFile).get(0), ca.cert());
      }
      KeyPair keys = Issuer.newKeyPair();
      X509Certificate server = Issuer.server(keys.getPublic(), names, ca.cert(), ca.key(), now);
      Pem.writePrivateKey(keyFile, keys.getPrivate());
      Pem.writeCertificate(certFile, server);
      if (newCa) {
        log.info("Made a local certificate authority ({}) and a server certificate for {} in {}; install the CA on your"
            + " devices once from /hearth-ca.crt (see \"HTTPS and your phone\" in the README)",
            ca.cert().getSubjectX500Principal().getName(), names, dir);
      } else {
        log.info("Issued a new server certificate for {} (valid until {}) because {}; the CA is unchanged, so devices"
            + " that trust it keep working", names, server.getNotAfter().toInstant(), why);
      }
      return TlsIdentity.local(keys.getPrivate(), server, ca.cert());
    } catch (IOException e) {
      throw new TlsException("cannot keep Hearth's certificates in " + dir + ": " + e.getMessage()
          + "; make sure the folder is writable (it is under store.data_dir)", e);
    }
  }

  private record Ca(X509Certificate cert, PrivateKey key) {}

  /** The stored CA, or null when there is none (or it has expired) and a new one must be made. */
  private Ca loadCa(Instant now) throws IOException {
    Path certFile = dir.resolve("ca.crt");
    Path keyFile = dir.resolve("ca.key");
    boolean haveCert = Files.exists(certFile);
    boolean haveKey = Files.exists(keyFile);
    if (!haveCert && !haveKey) return null;
    if (haveCert != haveKey) {
      log.warn("{} is missing, so the local CA cannot be used; making a new one (devices must trust it again)",
          haveCert ? keyFile : certFile);
      return null;
    }
    String fix = "; delete the folder " + dir + " to make a new CA (devices that trusted the old one must then trust the new one)";
    List<X509Certificate> certs;
    PrivateKey key;
    try {
      certs = Pem.certificates(certFile);
      key = Pem.privateKey(keyFile);
    } catch (IOException | RuntimeException e) {
      throw new TlsException("cannot read Hearth's CA (" + certFile + ", " + keyFile + "): " + e.getMessage() + fix, e);
    }
    if (certs.isEmpty() || key == null || !Keys.match(key, certs.get(0).getPublicKey())) {
      throw new TlsException("Hearth's CA in " + certFile + " and " + keyFile + " is damaged (no certificate, no key, or a key that"
          + " does not match)" + fix);
    }
    X509Certificate cert = certs.get(0);
    if (!cert.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
      log.warn("The local CA expires on {}; making a new one (devices must trust it again)", cert.getNotAfter().toInstant());
      return null;
    }
    return new Ca(cert, key);
  }

  private Ca newCa(String hostname, Instant now) throws IOException {
    KeyPair keys = Issuer.newKeyPair();
    X509Certificate cert = Issuer.ca(keys, hostname, now);
    Pem.writePrivateKey(dir.resolve("ca.key"), keys.getPrivate());
    Pem.writeCertificate(dir.resolve("ca.crt"), cert);
    return new Ca(cert, keys.getPrivate());
  }

  /** Why the stored server certificate cannot be reused, or null when it can. */
  private static String whyReissue(Path certFile, Path keyFile, Ca ca, ServerNames names, Instant now) {
    if (!Files.exists(certFile) || !Files.exists(keyFile)) return "there was none yet";
    X509Certificate cert;
    PrivateKey key;
    try {
      List<X509Certificate> certs = Pem.certificates(certFile);
      key = Pem.privateKey(keyFile);
      if (certs.isEmpty() || key == null) return "the stored one was incomplete";
      cert = certs.get(0);
    } catch (IOException | RuntimeException e) {
      return "the stored one could not be read (" + e.getMessage() + ")";
    }
    if (!Keys.match(key, cert.getPublicKey())) return "the stored key did not match it";
    try {
      cert.verify(ca.cert().getPublicKey());
    } catch (GeneralSecurityException e) {
      return "the stored one was not issued by the current CA";
    }
    if (!cert.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
      return "the stored one expires on " + cert.getNotAfter().toInstant();
    }
    List<String> missing = uncovered(cert, names);
    if (!missing.isEmpty()) return "the stored one did not cover " + String.join(", ", missing);
    return null;
  }

  /** The names and addresses of {@code names} that {@code cert}'s subject alternative names leave out. */
  static List<String> uncovered(X509Certificate cert, ServerNames names) {
    Set<String> dns = new HashSet<>();
    Set<InetAddress> ips = new HashSet<>();
    try {
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> entry : cert.getSubjectAlternativeNames()) {
          int type = (Integer) entry.get(0);
          String value = (String) entry.get(1);
          if (type == 2) dns.add(value.toLowerCase(Locale.ROOT));
          else if (type == 7) ips.add(ServerNames.literal(value));
        }
      }
    } catch (CertificateParsingException e) {
      // no usable names: everything is missing
    }
    List<String> missing = new ArrayList<>();
    for (String name : names.dnsNames()) if (!dns.contains(name)) missing.add(name);
    for (InetAddress ip : names.addresses()) if (!ips.contains(ip)) missing.add(ServerNames.urlHost(ip));
    return missing;
  }
}
