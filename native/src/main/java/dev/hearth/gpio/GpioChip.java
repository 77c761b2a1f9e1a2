package dev.hearth.gpio;

/** An open GPIO chip (a {@code /dev/gpiochipN} character device). Closing it twice is harmless. */
public interface GpioChip extends AutoCloseable {
  /** The kernel's name for the chip, e.g. {@code gpiochip0}. */
  String name();

  /** The driver's label, e.g. {@code pinctrl-bcm2711}. */
  String label();

  /** How many lines (pins) the chip has. */
  int lineCount();

  /** Requests line {@code offset} as an input reporting both edges, for consumer "hearth". */
  InputLine requestInput(int offset, InputSettings settings) throws GpioException;

  /** Requests line {@code offset} as an output starting at {@code initial}, for consumer "hearth". */
  OutputLine requestOutput(int offset, boolean activeLow, boolean initial) throws GpioException;

  @Override
  void close();
}
