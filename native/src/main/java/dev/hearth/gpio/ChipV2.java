package dev.hearth.gpio;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.function.Function;

/** A {@code struct gpiod_chip} of libgpiod v2; what it reports comes from a {@code gpiod_chip_info}, freed at once. */
final class ChipV2 implements GpioChip {
  private final LibGpiodV2 lib;
  private final String path;
  private Pointer chip;

  private ChipV2(LibGpiodV2 lib, String path, Pointer chip) {
    this.lib = lib;
    this.path = path;
    this.chip = chip;
  }

  static ChipV2 open(LibGpiodV2 lib, String path) throws GpioException {
    Pointer chip = lib.gpiod_chip_open(path);
    if (chip == null) throw Errno.chipOpenFailed(path, Native.getLastError());
    return new ChipV2(lib, path, chip);
  }

  @Override
  public String name() {
    return info(lib::gpiod_chip_info_get_name);
  }

  @Override
  public String label() {
    return info(lib::gpiod_chip_info_get_label);
  }

  @Override
  public int lineCount() {
    return Math.toIntExact(info(lib::gpiod_chip_info_get_num_lines));
  }

  /** Reads one field of a fresh chip info (copied out before the info is freed). */
  private <T> T info(Function<Pointer, T> field) {
    Pointer info = lib.gpiod_chip_get_info(live());
    if (info == null) throw new IllegalStateException("gpiod_chip_get_info failed for " + path + " (" + Errno.name(Native.getLastError()) + ")");
    try {
      return field.apply(info);
    } finally {
      lib.gpiod_chip_info_free(info);
    }
  }

  @Override
  public InputLine requestInput(int offset, InputSettings settings) throws GpioException {
    return LineRequestV2.input(lib, live(), path, lineCount(), offset, settings);
  }

  @Override
  public OutputLine requestOutput(int offset, boolean activeLow, boolean initial) throws GpioException {
    return LineRequestV2.output(lib, live(), path, lineCount(), offset, activeLow, initial);
  }

  private Pointer live() {
    if (chip == null) throw new IllegalStateException("GPIO chip " + path + " is closed");
    return chip;
  }

  @Override
  public synchronized void close() {
    if (chip == null) return;
    lib.gpiod_chip_close(chip);
    chip = null;
  }
}
