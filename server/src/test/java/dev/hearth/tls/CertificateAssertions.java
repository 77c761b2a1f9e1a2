package dev.hearth.tls;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads what tests check in certificates. */
final class CertificateAssertions {
  private CertificateAssertions() {}

  /** The DNS names (type 2) in the subject alternative names. */
  static List<String> dnsNames(X509Certificate cert) throws Exception {
    List<String> names = new ArrayList<>();
    for (List<?> e : cert.getSubjectAlternativeNames()) if ((Integer) e.get(0) == 2) names.add((String) e.get(1));
    return names;
  }

  /** The IP addresses (type 7) in the subject alternative names. */
  static List<InetAddress> ipAddresses(X509Certificate cert) throws Exception {
    List<InetAddress> ips = new ArrayList<>();
    for (List<?> e : cert.getSubjectAlternativeNames()) if ((Integer) e.get(0) == 7) ips.add(ServerNames.literal((String) e.get(1)));
    return ips;
  }

  static String fingerprint(X509Certificate cert) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
  }
}
