package dev.hearth.device;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.gpio.GpioException;
import dev.hearth.gpio.Gpiod;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With gpio.enabled, a wrong chip or an unusable microphone stops start-up at once, saying what to do. */
class LocalDeviceStartupTest {
  @TempDir
  Path dataDir;

  @Test
  void aMissingChipStopsStartUpWithTheFix() {
    try {
      Gpiod.load();
    } catch (GpioException e) {
      assumeTrue("true".equals(System.getenv("CI")), "libgpiod is not installed here: " + e.getMessage());
    }
    assertThatThrownBy(() -> TestServers.start(dataDir, Map.of("gpio.enabled", "true", "gpio.chip", "/dev/gpiochip-hearth-missing")))
        .isInstanceOf(Hearth.StartupException.class)
        .hasMessage("there is no GPIO chip /dev/gpiochip-hearth-missing; list the chips with `gpiodetect` (package gpiod) "
            + "and set gpio.chip (ENOENT)");
  }

  @Test
  void aMicrophoneThatIsNotThereIsNamed() {
    assertThatThrownBy(() -> AudioDevices.microphone("hearth-no-such-card", 0))
        .isInstanceOf(AudioDeviceException.class)
        .hasMessage("no microphone is called 'hearth-no-such-card'; `hearth audio devices` lists them");
  }
}
