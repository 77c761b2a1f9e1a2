package dev.hearth.gpio;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code struct gpiod_line_request} of libgpiod v2 holding one line, input or output, with its edge-event buffer.
 * Requests follow libgpiod's own example order: settings → line config → request config → request, the three
 * temporaries freed in reverse order whatever happens.
 */
final class LineRequestV2 implements InputLine, OutputLine {
  private static final int EVENT_CAPACITY = 16;

  private final LibGpiodV2 lib;
  private final String chipPath;
  private final int offset;
  private final boolean input;
  private final boolean kernelDebounced;
  private Pointer request;
  private Pointer events;

  private LineRequestV2(LibGpiodV2 lib, String chipPath, int offset, boolean input, boolean kernelDebounced,
      Pointer request, Pointer events) {
    this.lib = lib;
    this.chipPath = chipPath;
    this.offset = offset;
    this.input = input;
    this.kernelDebounced = kernelDebounced;
    this.request = request;
    this.events = events;
  }

  static LineRequestV2 input(LibGpiodV2 lib, Pointer chip, String chipPath, int lineCount, int offset,
      InputSettings s) throws GpioException {
    Pointer request = request(lib, chip, chipPath, lineCount, offset, settings -> {
      check(lib.gpiod_line_settings_set_direction(settings, LibGpiodV2.GPIOD_LINE_DIRECTION_INPUT), "direction");
      check(lib.gpiod_line_settings_set_edge_detection(settings, LibGpiodV2.GPIOD_LINE_EDGE_BOTH), "edge detection");
      if (s.pullUp()) check(lib.gpiod_line_settings_set_bias(settings, LibGpiodV2.GPIOD_LINE_BIAS_PULL_UP), "bias");
      lib.gpiod_line_settings_set_active_low(settings, s.activeLow());
      lib.gpiod_line_settings_set_debounce_period_us(settings, s.debounceMillis() * 1000L);
    });
    Pointer events = lib.gpiod_edge_event_buffer_new(EVENT_CAPACITY);
    if (events == null) {
      lib.gpiod_line_request_release(request);
      throw new GpioException("gpiod_edge_event_buffer_new failed (" + Errno.name(Native.getLastError()) + ")");
    }
    return new LineRequestV2(lib, chipPath, offset, true, s.debounceMillis() > 0, request, events);
  }

  static LineRequestV2 output(LibGpiodV2 lib, Pointer chip, String chipPath, int lineCount, int offset,
      boolean activeLow, boolean initial) throws GpioException {
    Pointer request = request(lib, chip, chipPath, lineCount, offset, settings -> {
      check(lib.gpiod_line_settings_set_direction(settings, LibGpiodV2.GPIOD_LINE_DIRECTION_OUTPUT), "direction");
      lib.gpiod_line_settings_set_active_low(settings, activeLow);
      check(lib.gpiod_line_settings_set_output_value(settings,
          initial ? LibGpiodV2.GPIOD_LINE_VALUE_ACTIVE : LibGpiodV2.GPIOD_LINE_VALUE_INACTIVE), "output value");
    });
    return new LineRequestV2(lib, chipPath, offset, false, false, request, null);
  }

  private interface Configure {
    void apply(Pointer settings) throws GpioException;
  }

  private static void check(int result, String what) throws GpioException {
    if (result < 0) throw new GpioException("gpiod_line_settings: invalid " + what + " (" + Errno.name(Native.getLastError()) + ")");
  }

  private static Pointer request(LibGpiodV2 lib, Pointer chip, String chipPath, int lineCount, int offset,
      Configure configure) throws GpioException {
    if (offset < 0 || offset >= lineCount) throw Errno.lineRequestFailed(chipPath, offset, lineCount, Errno.EINVAL);
    Pointer settings = lib.gpiod_line_settings_new();
    if (settings == null) throw new GpioException("gpiod_line_settings_new failed (out of memory)");
    try {
      configure.apply(settings);
      Pointer lineConfig = lib.gpiod_line_config_new();
      if (lineConfig == null) throw new GpioException("gpiod_line_config_new failed (out of memory)");
      try {
        if (lib.gpiod_line_config_add_line_settings(lineConfig, new int[] {offset}, 1, settings) < 0) {
          throw Errno.lineRequestFailed(chipPath, offset, lineCount, Native.getLastError());
        }
        Pointer requestConfig = lib.gpiod_request_config_new();
        if (requestConfig == null) throw new GpioException("gpiod_request_config_new failed (out of memory)");
        try {
          lib.gpiod_request_config_set_consumer(requestConfig, "hearth");
          Pointer request = lib.gpiod_chip_request_lines(chip, requestConfig, lineConfig);
          if (request == null) throw Errno.lineRequestFailed(chipPath, offset, lineCount, Native.getLastError());
          return request;
        } finally {
          lib.gpiod_request_config_free(requestConfig);
        }
      } finally {
        lib.gpiod_line_config_free(lineConfig);
      }
    } finally {
      lib.gpiod_line_settings_free(settings);
    }
  }

  @Override
  public int offset() {
    return offset;
  }

  @Override
  public boolean kernelDebounced() {
    return kernelDebounced;
  }

  @Override
  public synchronized boolean value() throws GpioException {
    int v = lib.gpiod_line_request_get_value(live(), offset);
    if (v < 0) throw Errno.lineCallFailed("gpiod_line_request_get_value", chipPath, offset, Native.getLastError());
    return v == LibGpiodV2.GPIOD_LINE_VALUE_ACTIVE;
  }

  @Override
  public synchronized List<LineEvent> awaitEvents(long timeoutMillis) throws GpioException {
    if (!input) throw new IllegalStateException("line " + offset + " of " + chipPath + " is an output");
    int ready = lib.gpiod_line_request_wait_edge_events(live(), timeoutMillis * 1_000_000L);
    if (ready < 0) throw Errno.lineCallFailed("gpiod_line_request_wait_edge_events", chipPath, offset, Native.getLastError());
    if (ready == 0) return List.of();
    int n = lib.gpiod_line_request_read_edge_events(request, events, EVENT_CAPACITY);
    if (n < 0) throw Errno.lineCallFailed("gpiod_line_request_read_edge_events", chipPath, offset, Native.getLastError());
    List<LineEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Pointer event = lib.gpiod_edge_event_buffer_get_event(events, i);
      out.add(new LineEvent(lib.gpiod_edge_event_get_event_type(event) == LibGpiodV2.GPIOD_EDGE_EVENT_RISING_EDGE,
          lib.gpiod_edge_event_get_timestamp_ns(event)));
    }
    return out;
  }

  @Override
  public synchronized void set(boolean active) throws GpioException {
    if (input) throw new IllegalStateException("line " + offset + " of " + chipPath + " is an input");
    int v = active ? LibGpiodV2.GPIOD_LINE_VALUE_ACTIVE : LibGpiodV2.GPIOD_LINE_VALUE_INACTIVE;
    if (lib.gpiod_line_request_set_value(live(), offset, v) < 0) {
      throw Errno.lineCallFailed("gpiod_line_request_set_value", chipPath, offset, Native.getLastError());
    }
  }

  private Pointer live() {
    if (request == null) throw new IllegalStateException("line " + offset + " of " + chipPath + " is released");
    return request;
  }

  @Override
  public synchronized void close() {
    if (request == null) return;
    if (events != null) lib.gpiod_edge_event_buffer_free(events);
    lib.gpiod_line_request_release(request);
    events = null;
    request = null;
  }
}
