package dev.hearth.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real libgpiod, both APIs: v1 is Debian bookworm's {@code libgpiod2} package (CI installs it); v2 is trixie's
 * {@code libgpiod3}, which .ci/run unpacks under .ci/cache (its path comes in {@code hearth.test.gpiod2}). This
 * machine has no GPIO chips, so what is checked is loading, the version probe and the errors a user meets first.
 */
class GpiodTest {
  private static final boolean CI = "true".equals(System.getenv("CI"));

  static List<Gpiod> libraries() throws GpioException {
    List<Gpiod> found = new ArrayList<>();
    found.add(bookworm());
    Path v2 = Path.of(System.getProperty("hearth.test.gpiod2", "/nonexistent"));
    if (Files.isRegularFile(v2)) {
      found.add(Gpiod.load(v2.toString()));
    } else {
      assumeTrue(!CI, "CI must test the v2 API too: .ci/run unpacks libgpiod3 to " + v2);
    }
    return found;
  }

  private static Gpiod bookworm() throws GpioException {
    try {
      return Gpiod.load("libgpiod.so.2");
    } catch (GpioException e) {
      assumeTrue(CI, "libgpiod2 is not installed here (sudo apt-get install libgpiod2): " + e.getMessage());
      throw e;
    }
  }

  @Test
  void theV1LibraryIsProbedAsV1() throws GpioException {
    Gpiod gpiod = bookworm();
    assertThat(gpiod.api()).isEqualTo(Gpiod.Api.V1);
    assertThat(gpiod.version()).matches("1\\.[56](\\.\\d+)?");
    assertThat(gpiod.toString()).contains("libgpiod " + gpiod.version(), "V1 API");
  }

  @Test
  void theV2LibraryIsProbedAsV2() throws GpioException {
    Path v2 = Path.of(System.getProperty("hearth.test.gpiod2", "/nonexistent"));
    assumeTrue(Files.isRegularFile(v2) || CI, "no libgpiod v2 at " + v2 + " (.ci/run unpacks Debian trixie's libgpiod3 there)");
    Gpiod gpiod = Gpiod.load(v2.toString());
    assertThat(gpiod.api()).isEqualTo(Gpiod.Api.V2);
    assertThat(gpiod.version()).matches("2\\.\\d+(\\.\\d+)?");
  }

  @Test
  void theSystemLibraryLoadsWhicheverApiItHas() throws GpioException {
    Gpiod gpiod;
    try {
      gpiod = Gpiod.load();
    } catch (GpioException e) {
      assumeTrue(CI, "no libgpiod installed here: " + e.getMessage());
      throw e;
    }
    assertThat(gpiod.version()).matches(gpiod.api() == Gpiod.Api.V2 ? "2\\..*" : "1\\.[56].*");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraries")
  void aMissingChipSaysSoAndHowToFindTheRightOne(Gpiod gpiod) {
    assertThatThrownBy(() -> gpiod.openChip("/dev/gpiochip-hearth-missing"))
        .isInstanceOf(GpioException.class)
        .hasMessage("there is no GPIO chip /dev/gpiochip-hearth-missing; list the chips with `gpiodetect` "
            + "(package gpiod) and set gpio.chip (ENOENT)")
        .satisfies(e -> assertThat(((GpioException) e).errno()).isEqualTo(Errno.ENOENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraries")
  void aDeviceThatIsNoGpioChipIsRefused(Gpiod gpiod) {
    assertThatThrownBy(() -> gpiod.openChip("/dev/null"))
        .isInstanceOf(GpioException.class)
        .hasMessageStartingWith("/dev/null is not a GPIO character device; list the chips with `gpiodetect`");
  }

  @Test
  void aLibraryThatIsNotLibgpiodIsRefused() {
    assertThatThrownBy(() -> Gpiod.load("libc.so.6"))
        .isInstanceOf(GpioException.class)
        .hasMessageContaining("is not libgpiod: it has neither gpiod_api_version (v2) nor gpiod_version_string (v1)");
  }

  @Test
  void aLibraryThatCannotBeLoadedIsNamed() {
    assertThatThrownBy(() -> Gpiod.load("/nonexistent/libgpiod.so.9"))
        .isInstanceOf(GpioException.class)
        .hasMessageStartingWith("cannot load libgpiod from /nonexistent/libgpiod.so.9");
  }
}
