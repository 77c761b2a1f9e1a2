package dev.hearth.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What HTTPS serves: a private key, its certificate chain (server first), and, when Hearth made the certificate
 * itself, the local CA that devices install to trust it.
 */
public final class TlsIdentity {
  private static final String ALIAS = "hearth";

  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final X509Certificate localCa;
  private final String password = randomPassword();

  private TlsIdentity(PrivateKey key, List<X509Certificate> chain, X509Certificate localCa) {
    this.key = key;
    this.chain = List.copyOf(chain);
    this.localCa = localCa;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A certificate Hearth issued from its own CA. */
  static TlsIdentity local(PrivateKey key, X509Certificate server, X509Certificate ca) {
    return new TlsIdentity(key, List.of(server, ca), ca);
  }

  /** The user's own certificate chain. */
  static TlsIdentity user(PrivateKey key, List<X509Certificate> chain) {
    return new TlsIdentity(key, chain, null);
  }

  /** The server's certificate (the first of the chain). */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  public List<X509Certificate> chain() {
    return chain;
  }

  /** Hearth's local CA, when the certificate is Hearth's own; empty with the user's certificate. */
  public Optional<X509Certificate> localCa() {
    return Optional.ofNullable(localCa);
  }

  /** A fresh in-memory PKCS#12 key store holding the key and chain, protected by {@link #keyStorePassword()}. */
  public KeyStore keyStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new TlsException("cannot hold the certificate in a key store: " + e.getMessage(), e);
    }
  }

  /** The password of {@link #keyStore()}: random, and only ever in memory. */
  public String keyStorePassword() {
    return password;
  }
}
