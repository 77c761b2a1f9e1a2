package dev.hearth.app;

import org.junit.jupiter.api.Assumptions;

/**
 * Tools from outside Maven that some tests drive (Debian's chromium, shellcheck, Python's websocket clients, node with
 * the openai SDK, libgpiod). On a workstation without one those tests are skipped; in CI ({@code CI=true}), where
 * {@code .ci/run} installs them all, a missing tool fails the test instead, so it can never pass by being skipped.
 */
public final class TestTools {
  private TestTools() {}

  /** @param missing what is missing and how to install it, e.g. "shellcheck is not installed (apt-get install shellcheck)" */
  public static void require(boolean present, String missing) {
    if (!present && "true".equals(System.getenv("CI"))) throw new AssertionError(missing + "; .ci/run installs it");
    Assumptions.assumeTrue(present, missing);
  }
}
