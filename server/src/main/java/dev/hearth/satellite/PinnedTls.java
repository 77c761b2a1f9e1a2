package dev.hearth.satellite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for a satellite that trusts exactly the certificates in one file (a Hearth server's local CA, from its
 * {@code /hearth-ca.crt}) and nothing else, not even the JDK's public CAs; host names are still verified.
 */
public final class PinnedTls {
  private PinnedTls() {}

  /** An SSL context trusting the PEM or DER certificates in {@code caFile}. */
  public static SSLContext trusting(Path caFile) throws IOException {
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(caFile)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (GeneralSecurityException e) {
      throw new IOException(caFile + " holds no certificate (" + e.getMessage() + "); download the server's with "
          + "`curl -o hearth-ca.crt http://SERVER:8080/hearth-ca.crt`", e);
    }
    if (certs.isEmpty()) throw new IOException(caFile + " holds no certificate");
    try {
      return trusting(certs);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust " + caFile + ": " + e.getMessage(), e);
    }
  }

  /** An SSL context trusting {@code certs} and nothing else. */
  public static SSLContext trusting(Collection<? extends Certificate> certs) throws GeneralSecurityException {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate c : certs) trusted.setCertificateEntry("pinned-" + i++, c);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      return tls;
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot make an empty key store: " + e.getMessage(), e);
    }
  }
}
