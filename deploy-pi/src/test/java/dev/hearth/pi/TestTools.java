package dev.hearth.pi;

import org.junit.jupiter.api.Assumptions;

/**
 * The server's {@code dev.hearth.app.TestTools} rule for this module (whose tests cannot see the server's test
 * classes): what the installer tests need from outside Maven (root, the Debian roots {@code .ci/run} makes) skips
 * them on a workstation without it, and fails them in CI ({@code CI=true}), where {@code .ci/run} provides it, so
 * they can never pass by being skipped.
 */
final class TestTools {
  private TestTools() {}

  /** @param missing what is missing and how to get it, e.g. "the installer tests chroot, which needs root" */
  static void require(boolean present, String missing) {
    if (!present && "true".equals(System.getenv("CI"))) throw new AssertionError(missing + "; .ci/run, run as root, provides it");
    Assumptions.assumeTrue(present, missing);
  }
}
