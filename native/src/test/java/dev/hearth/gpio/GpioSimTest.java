package dev.hearth.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Line requests end to end on a simulated chip, for both APIs, where the kernel offers gpio-sim (configfs
 * {@code /sys/kernel/config/gpio-sim}, as root): the test pulls a line up and down from outside and reads the
 * edges, and drives an output and reads it back. Skipped, with that reason, where there is no gpio-sim.
 */
class GpioSimTest {
  private static final Path CONFIGFS = Path.of("/sys/kernel/config/gpio-sim");
  private static final Path DEVICE = CONFIGFS.resolve("hearth-test");
  private static String chipPath;
  private static Path sysfs;

  @BeforeAll
  static void simulateAChip() throws IOException {
    assumeTrue(Files.isDirectory(CONFIGFS) && Files.isWritable(CONFIGFS),
        "the kernel offers no gpio-sim here (no writable " + CONFIGFS + "); line requests are exercised where it does");
    Files.createDirectories(DEVICE.resolve("bank0"));
    Files.writeString(DEVICE.resolve("bank0/num_lines"), "8");
    Files.writeString(DEVICE.resolve("live"), "1");
    String device = Files.readString(DEVICE.resolve("dev_name")).strip();
    String chip = Files.readString(DEVICE.resolve("bank0/chip_name")).strip();
    chipPath = "/dev/" + chip;
    sysfs = Path.of("/sys/devices/platform", device, chip);
  }

  @AfterAll
  static void removeIt() throws IOException {
    if (!Files.isDirectory(DEVICE)) return;
    Files.writeString(DEVICE.resolve("live"), "0");
    Files.delete(DEVICE.resolve("bank0"));
    Files.delete(DEVICE);
  }

  static List<Gpiod> libraries() throws GpioException {
    return GpiodTest.libraries();
  }

  private static void pull(int offset, boolean up) throws IOException {
    Files.writeString(sysfs.resolve("sim_gpio" + offset + "/pull"), up ? "pull-up" : "pull-down");
  }

  private static List<LineEvent> await(InputLine line, int count) throws GpioException {
    List<LineEvent> seen = new ArrayList<>();
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (seen.size() < count && System.nanoTime() < deadline) seen.addAll(line.awaitEvents(100));
    return seen;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraries")
  void anInputReportsBothEdges(Gpiod gpiod) throws Exception {
    try (GpioChip chip = gpiod.openChip(chipPath); InputLine line = chip.requestInput(3, new InputSettings(false, false, 0))) {
      assertThat(chip.lineCount()).isEqualTo(8);
      pull(3, true);
      pull(3, false);
      List<LineEvent> events = await(line, 2);
      assertThat(events).extracting(LineEvent::rising).containsExactly(true, false);
      assertThat(events.get(1).timestampNanos()).isGreaterThanOrEqualTo(events.get(0).timestampNanos());
      assertThat(line.value()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraries")
  void activeLowInvertsTheEdges(Gpiod gpiod) throws Exception {
    pull(5, true); // idle: pulled up, as a button to ground is
    try (GpioChip chip = gpiod.openChip(chipPath); InputLine line = chip.requestInput(5, new InputSettings(true, false, 0))) {
      assertThat(line.value()).isFalse();
      pull(5, false); // pressed
      assertThat(await(line, 1)).extracting(LineEvent::rising).containsExactly(true);
      assertThat(line.value()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraries")
  void anOutputDrivesTheLine(Gpiod gpiod) throws Exception {
    try (GpioChip chip = gpiod.openChip(chipPath); OutputLine led = chip.requestOutput(6, false, false)) {
      assertThat(Files.readString(sysfs.resolve("sim_gpio6/value")).strip()).isEqualTo("0");
      led.set(true);
      assertThat(Files.readString(sysfs.resolve("sim_gpio6/value")).strip()).isEqualTo("1");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraries")
  void aBusyLineAndAMissingLineAreNamed(Gpiod gpiod) throws Exception {
    try (GpioChip chip = gpiod.openChip(chipPath); InputLine held = chip.requestInput(2, new InputSettings(false, false, 0))) {
      assertThat(held.offset()).isEqualTo(2);
      try (GpioChip again = gpiod.openChip(chipPath)) {
        assertThatThrownBy(() -> again.requestInput(2, new InputSettings(false, false, 0)))
            .hasMessage("line 2 of " + chipPath + " is in use by another program; see which with `gpioinfo "
                + chipPath + "` (EBUSY)");
      }
      assertThatThrownBy(() -> chip.requestOutput(8, false, false))
          .hasMessage(chipPath + " has no line 8 (it has 8); check the configured line offsets (`gpioinfo` lists them) (EINVAL)");
    }
  }
}
