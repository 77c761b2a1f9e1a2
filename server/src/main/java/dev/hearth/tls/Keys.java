package dev.hearth.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/** Checks that a private key belongs to a certificate, for any key type: it signs a random message the public key must verify. */
final class Keys {
  private Keys() {}

  /** Whether {@code key} is the private half of {@code publicKey}; false also for two keys of different types. */
  static boolean match(PrivateKey key, PublicKey publicKey) {
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) return false;
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new TlsException("keys of type " + key.getAlgorithm() + " are not supported; use an RSA or EC key");
    };
    byte[] message = new byte[32];
    new SecureRandom().nextBytes(message);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(message);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
