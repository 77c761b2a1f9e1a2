package dev.hearth.config;

import java.util.ArrayList;
import java.util.List;

/** The push-to-talk button and status LEDs on the machine's own GPIO pins (a Raspberry Pi), via libgpiod. */
public final class GpioConfig implements ConfigSection {
  @Setting(doc = "Take turns with a button on the machine's GPIO, its own microphone and speaker (see docs/pi.md).",
      tier = Setting.Tier.ESSENTIAL)
  private boolean enabled = false;

  @Setting(doc = "The GPIO chip the button and LEDs are on (`gpiodetect` lists them; a Pi 5's header is also /dev/gpiochip0 on current kernels).")
  private String chip = "/dev/gpiochip0";

  @Setting(doc = "Line offset (BCM number) of the push-to-talk button: GPIO17 is physical pin 11.")
  private int buttonLine = 17;

  @Setting(doc = "The button connects its line to ground when pressed (with the pull-up on, the usual wiring).", tier = Setting.Tier.RARE)
  private boolean buttonActiveLow = true;

  @Setting(doc = "Turn on the line's internal pull-up resistor (the button needs no resistor of its own).", tier = Setting.Tier.RARE)
  private boolean buttonPullUp = true;

  @Setting(doc = "Edges closer together than this are contact bounce (the kernel filters them with libgpiod 2, Hearth with 1).", tier = Setting.Tier.RARE)
  private int debounceMillis = 10;

  @Setting(doc = "Holding the button this long without speaking starts a new conversation.")
  private int longPressMillis = 2000;

  @Setting(doc = "Line offsets of status LEDs, comma-separated: one LED shows every state by its blink pattern; four are listening, thinking, speaking, error (other counts are refused).")
  private List<String> ledLines = List.of();

  @Setting(doc = "The LEDs light when their line is low (wired to 3.3 V through the LED).", tier = Setting.Tier.RARE)
  private boolean ledActiveLow = false;

  @Setting(doc = "The libgpiod to use, a file or library name; empty finds the system's (libgpiod.so.3, else .so.2).", tier = Setting.Tier.RARE)
  private String library = "";

  @Override
  public String prefix() {
    return "gpio";
  }

  @Override
  public void validate() {
    Validation.range("gpio.button_line", buttonLine, 0, 1023);
    Validation.range("gpio.debounce_millis", debounceMillis, 0, 1000);
    Validation.range("gpio.long_press_millis", longPressMillis, 500, 60_000);
    List<Integer> leds = ledLines();
    if (leds.contains(buttonLine)) throw new ConfigException("gpio.led_lines includes the button's line " + buttonLine);
    if (leds.stream().distinct().count() != leds.size()) throw new ConfigException("gpio.led_lines lists a line twice: " + ledLines);
    if (leds.size() != 0 && leds.size() != 1 && leds.size() != 4) {
      throw new ConfigException("gpio.led_lines lists " + leds.size() + " lines (" + String.join(",", ledLines) + "); give one"
          + " (it shows every state by its blink pattern) or four (listening, thinking, speaking, error), or none");
    }
    if (!chip.startsWith("/dev/")) throw new ConfigException("gpio.chip is '" + chip + "'; it must be a device such as /dev/gpiochip0");
  }

  public boolean enabled() { return enabled; }
  public String chip() { return chip; }
  public int buttonLine() { return buttonLine; }
  public boolean buttonActiveLow() { return buttonActiveLow; }
  public boolean buttonPullUp() { return buttonPullUp; }
  public int debounceMillis() { return debounceMillis; }
  public int longPressMillis() { return longPressMillis; }
  public boolean ledActiveLow() { return ledActiveLow; }

  /** The configured libgpiod, "" for the system's. */
  public String library() { return library; }

  /** The LED line offsets, in order. */
  public List<Integer> ledLines() {
    List<Integer> out = new ArrayList<>();
    for (String s : ledLines) {
      try {
        int line = Integer.parseInt(s);
        Validation.range("gpio.led_lines", line, 0, 1023);
        out.add(line);
      } catch (NumberFormatException e) {
        throw new ConfigException("gpio.led_lines must be line numbers, comma-separated, got '" + s + "'");
      }
    }
    return out;
  }
}
