package dev.hearth.gpio;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * libgpiod's v2 C API (2.x: Raspberry Pi OS trixie, Debian 13), as raw as JNA allows: one method per C symbol,
 * named exactly like it. Only {@link Gpiod} loads it; everything else goes through the wrappers.
 */
interface LibGpiodV2 extends Library {
  int GPIOD_LINE_DIRECTION_INPUT = 2;
  int GPIOD_LINE_DIRECTION_OUTPUT = 3;
  int GPIOD_LINE_EDGE_BOTH = 4;
  int GPIOD_LINE_BIAS_PULL_UP = 4;
  int GPIOD_LINE_VALUE_INACTIVE = 0;
  int GPIOD_LINE_VALUE_ACTIVE = 1;
  int GPIOD_EDGE_EVENT_RISING_EDGE = 1;
  int GPIOD_EDGE_EVENT_FALLING_EDGE = 2;

  String gpiod_api_version();

  Pointer gpiod_chip_open(String path);

  void gpiod_chip_close(Pointer chip);

  Pointer gpiod_chip_get_info(Pointer chip);

  void gpiod_chip_info_free(Pointer info);

  String gpiod_chip_info_get_name(Pointer info);

  String gpiod_chip_info_get_label(Pointer info);

  long gpiod_chip_info_get_num_lines(Pointer info);

  Pointer gpiod_line_settings_new();

  void gpiod_line_settings_free(Pointer settings);

  int gpiod_line_settings_set_direction(Pointer settings, int direction);

  int gpiod_line_settings_set_edge_detection(Pointer settings, int edge);

  int gpiod_line_settings_set_bias(Pointer settings, int bias);

  void gpiod_line_settings_set_active_low(Pointer settings, boolean activeLow);

  void gpiod_line_settings_set_debounce_period_us(Pointer settings, long periodUs);

  int gpiod_line_settings_set_output_value(Pointer settings, int value);

  Pointer gpiod_line_config_new();

  void gpiod_line_config_free(Pointer config);

  int gpiod_line_config_add_line_settings(Pointer config, int[] offsets, long numOffsets, Pointer settings);

  Pointer gpiod_request_config_new();

  void gpiod_request_config_free(Pointer config);

  void gpiod_request_config_set_consumer(Pointer config, String consumer);

  Pointer gpiod_chip_request_lines(Pointer chip, Pointer requestConfig, Pointer lineConfig);

  void gpiod_line_request_release(Pointer request);

  int gpiod_line_request_get_value(Pointer request, int offset);

  int gpiod_line_request_set_value(Pointer request, int offset, int value);

  int gpiod_line_request_wait_edge_events(Pointer request, long timeoutNs);

  int gpiod_line_request_read_edge_events(Pointer request, Pointer buffer, long maxEvents);

  Pointer gpiod_edge_event_buffer_new(long capacity);

  void gpiod_edge_event_buffer_free(Pointer buffer);

  Pointer gpiod_edge_event_buffer_get_event(Pointer buffer, long index);

  int gpiod_edge_event_get_event_type(Pointer event);

  long gpiod_edge_event_get_timestamp_ns(Pointer event);
}
