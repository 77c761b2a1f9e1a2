package dev.hearth.gpio;

/** An open GPIO chip (a {@code /dev/gpiochipN} character device). Closing it twice is harmless. */
public interface GpioChip extends AutoCloseable {
  /** The kernel's name for the chip, e.g. {@code gpiochip0}. */
  String name();

  /** The driver's label, e.g. {@code pinctrl-bcm2711}. */
  String label();

  /** How many lines (pins) the chip has. */
  int lineCount();

  @Override
  void close();
}
