package dev.hearth.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes Hearth's local CA and the server certificates it signs. Keys are EC P-256, which every browser accepts. */
final class Issuer {
  /** Ten years: the CA is what devices trust, so it should outlive the installation. */
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  /** Apple refuses TLS server certificates valid for longer than 825 days, even from a trusted private CA. */
  static final Duration SERVER_VALIDITY = Duration.ofDays(825);
  /** Certificates start a day early, so a device whose clock is a little behind still accepts them. */
  private static final Duration BACKDATE = Duration.ofDays(1);
  private static final String SIGNATURE = "SHA256withECDSA";

  private Issuer() {}

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new TlsException("this Java has no EC P-256 keys: " + e.getMessage(), e);
    }
  }

  /** A self-signed CA certificate named after {@code hostname}, allowed to sign server certificates only. */
  static X509Certificate ca(KeyPair keys, String hostname, Instant now) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, "Hearth local CA (" + hostname + ")").addRDN(BCStyle.O, "Hearth").build();
    Instant from = now.minus(BACKDATE);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(from),
          Date.from(from.plus(CA_VALIDITY)), name, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      return sign(builder, keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new TlsException("cannot make the local CA certificate: " + e.getMessage(), e);
    }
  }

  /** A server certificate for every name and address in {@code names}, signed by the CA. */
  static X509Certificate server(PublicKey serverKey, ServerNames names, X509Certificate ca, PrivateKey caKey, Instant now) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, names.hostname()).build();
    Instant from = now.minus(BACKDATE);
    List<GeneralName> alternatives = new ArrayList<>();
    for (String dns : names.dnsNames()) alternatives.add(new GeneralName(GeneralName.dNSName, dns));
    for (InetAddress ip : names.addresses()) alternatives.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(from),
          Date.from(from.plus(SERVER_VALIDITY)), subject, serverKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives.toArray(GeneralName[]::new)))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(serverKey))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      return sign(builder, caKey);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new TlsException("cannot make the server certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  /** A random positive 127-bit serial number, as the CA/Browser Forum asks for (at least 64 random bits). */
  private static BigInteger serial() {
    return new BigInteger(127, new SecureRandom());
  }
}
