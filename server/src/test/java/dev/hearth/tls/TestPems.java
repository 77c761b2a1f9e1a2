package dev.hearth.tls;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Certificates and keys in the PEM forms users bring (OpenSSL, Let's Encrypt), made by the test. */
public final class TestPems {
  private TestPems() {}

  public static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  public static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /**
   * An EC key pair whose traditional form names its curve and carries its public key, as OpenSSL's does (the JDK's
   * own EC keys leave the curve out of it).
   */
  public static KeyPair ecAsOpenSsl() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** A certificate for {@code dnsName} with {@code subjectKeys}, signed by {@code issuerKeys} (self-signed if the same). */
  public static X509Certificate certificate(String dnsName, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, Instant notAfter)
      throws Exception {
    String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer), BigInteger.valueOf(System.nanoTime()),
        Date.from(notAfter.minus(Duration.ofDays(90))), Date.from(notAfter), new X500Name("CN=" + dnsName), subjectKeys.getPublic())
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
  }

  /** A self-signed certificate authority named {@code name}, as a public or company CA's root. */
  public static X509Certificate authority(String name, KeyPair keys, Instant notAfter) throws Exception {
    var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), BigInteger.valueOf(System.nanoTime()),
        Date.from(notAfter.minus(Duration.ofDays(90))), Date.from(notAfter), new X500Name("CN=" + name), keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }

  /** Writes objects the way OpenSSL does: a certificate as CERTIFICATE, a bare key in its traditional form. */
  public static Path write(Path file, Object... objects) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object o : objects) writer.writeObject(o);
    }
    Files.writeString(file, text.toString());
    return file;
  }

  /** {@code BEGIN PRIVATE KEY} (PKCS#8), as Let's Encrypt's privkey.pem. */
  public static Path writePkcs8(Path file, PrivateKey key) throws Exception {
    return write(file, new JcaPKCS8Generator(key, null).generate());
  }

  /** {@code BEGIN EC PARAMETERS} then {@code BEGIN EC PRIVATE KEY}, as {@code openssl ecparam -genkey} writes. */
  public static Path writeEcWithParameters(Path file, KeyPair keys) throws Exception {
    return write(file, new PemObject("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded()), keys);
  }

  /** A traditional key protected by a passphrase. */
  public static Path writeEncrypted(Path file, KeyPair keys) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(keys, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build("secret".toCharArray()));
    }
    Files.writeString(file, text.toString());
    return file;
  }
}
