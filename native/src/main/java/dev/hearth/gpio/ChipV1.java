package dev.hearth.gpio;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** A {@code struct gpiod_chip} of libgpiod v1. */
final class ChipV1 implements GpioChip {
  private final LibGpiodV1 lib;
  private final String path;
  private Pointer chip;

  private ChipV1(LibGpiodV1 lib, String path, Pointer chip) {
    this.lib = lib;
    this.path = path;
    this.chip = chip;
  }

  static ChipV1 open(LibGpiodV1 lib, String path) throws GpioException {
    Pointer chip = lib.gpiod_chip_open(path);
    if (chip == null) throw Errno.chipOpenFailed(path, Native.getLastError());
    return new ChipV1(lib, path, chip);
  }

  @Override
  public String name() {
    return lib.gpiod_chip_name(live());
  }

  @Override
  public String label() {
    return lib.gpiod_chip_label(live());
  }

  @Override
  public int lineCount() {
    return lib.gpiod_chip_num_lines(live());
  }

  @Override
  public InputLine requestInput(int offset, InputSettings settings) throws GpioException {
    return LineV1.input(lib, live(), path, lineCount(), offset, settings);
  }

  @Override
  public OutputLine requestOutput(int offset, boolean activeLow, boolean initial) throws GpioException {
    return LineV1.output(lib, live(), path, lineCount(), offset, activeLow, initial);
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
