package dev.hearth.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Reading and writing PEM files: certificates, and private keys in PKCS#8, RSA or EC form. */
final class Pem {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private Pem() {}

  /** Every certificate in {@code file}, in order (a chain file holds several). */
  static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> certs = new ArrayList<>();
    for (Object o : objects(file)) {
      if (o instanceof X509CertificateHolder holder) certs.add(certificate(holder));
    }
    return certs;
  }

  /**
   * The first private key in {@code file}, or null when there is none. {@code BEGIN PRIVATE KEY} (PKCS#8),
   * {@code BEGIN RSA PRIVATE KEY} and {@code BEGIN EC PRIVATE KEY} are read; other blocks (such as OpenSSL's
   * {@code EC PARAMETERS}) are skipped.
   *
   * @throws EncryptedKeyException when the key is protected by a passphrase
   */
  static PrivateKey privateKey(Path file) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    for (Object o : objects(file)) {
      if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
      if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo()); // the public half is optional in SEC1
      if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) throw new EncryptedKeyException();
    }
    return null;
  }

  private static List<Object> objects(Path file) throws IOException {
    List<Object> objects = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) objects.add(o);
    }
    return objects;
  }

  private static X509Certificate certificate(X509CertificateHolder holder) throws IOException {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new IOException("a certificate in the file is malformed: " + e.getMessage(), e);
    }
  }

  /** Writes {@code cert} as {@code BEGIN CERTIFICATE}, readable by everyone, replacing the file atomically. */
  static void writeCertificate(Path file, X509Certificate cert) throws IOException {
    try {
      write(file, new PemObject("CERTIFICATE", cert.getEncoded()), READABLE);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IOException(e);
    }
  }

  /** Writes {@code key} as PKCS#8 {@code BEGIN PRIVATE KEY}, readable by the owner only, replacing the file atomically. */
  static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    write(file, new PemObject("PRIVATE KEY", key.getEncoded()), OWNER_ONLY);
  }

  /** Creates {@code dir} (owner-only where the file system has POSIX permissions) if it does not exist. */
  static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) return;
    try {
      Files.createDirectories(dir, attributes(dir.getParent(), OWNER_ONLY_DIR));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) throw e;
    }
  }

  /** Writes to a temporary file beside {@code file}, created with {@code permissions}, then moves it into place. */
  private static void write(Path file, PemObject object, Set<PosixFilePermission> permissions) throws IOException {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(object);
    }
    Path dir = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", attributes(dir, permissions));
    try {
      Files.writeString(temp, text.toString(), StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static FileAttribute<?>[] attributes(Path dir, Set<PosixFilePermission> permissions) {
    boolean posix = dir == null
        ? java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        : dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
  }

  /** The key file holds a passphrase-protected key, which Hearth cannot use unattended. */
  static final class EncryptedKeyException extends IOException {
    EncryptedKeyException() {
      super("the key is encrypted with a passphrase");
    }
  }
}
