package dev.hearth.gpio;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * libgpiod's v1 C API (1.5 and 1.6: Raspberry Pi OS bookworm, Debian 12), as raw as JNA allows: one method per C
 * symbol, named exactly like it. Only {@link Gpiod} loads it; everything else goes through the wrappers.
 */
interface LibGpiodV1 extends Library {
  int GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW = 1 << 2;
  int GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP = 1 << 5;
  int GPIOD_LINE_EVENT_RISING_EDGE = 1;
  int GPIOD_LINE_EVENT_FALLING_EDGE = 2;

  /** {@code struct timespec}. */
  @Structure.FieldOrder({"tv_sec", "tv_nsec"})
  class timespec extends Structure {
    public long tv_sec;
    public long tv_nsec;
  }

  /** {@code struct gpiod_line_event}. */
  @Structure.FieldOrder({"ts", "event_type"})
  class gpiod_line_event extends Structure {
    public timespec ts;
    public int event_type;
  }

  String gpiod_version_string();

  Pointer gpiod_chip_open(String path);

  void gpiod_chip_close(Pointer chip);

  String gpiod_chip_name(Pointer chip);

  String gpiod_chip_label(Pointer chip);

  int gpiod_chip_num_lines(Pointer chip);

  Pointer gpiod_chip_get_line(Pointer chip, int offset);

  int gpiod_line_request_both_edges_events_flags(Pointer line, String consumer, int flags);

  int gpiod_line_request_output_flags(Pointer line, String consumer, int flags, int defaultValue);

  void gpiod_line_release(Pointer line);

  int gpiod_line_get_value(Pointer line);

  int gpiod_line_set_value(Pointer line, int value);

  int gpiod_line_event_wait(Pointer line, timespec timeout);

  int gpiod_line_event_read(Pointer line, gpiod_line_event event);
}
