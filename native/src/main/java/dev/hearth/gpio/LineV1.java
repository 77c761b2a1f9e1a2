package dev.hearth.gpio;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.List;

/**
 * A requested {@code struct gpiod_line} of libgpiod v1 (owned by its chip; released here). v1 has no kernel
 * debounce, so {@link #kernelDebounced()} is false and the reader debounces.
 */
final class LineV1 implements InputLine, OutputLine {
  private final LibGpiodV1 lib;
  private final String chipPath;
  private final int offset;
  private final boolean input;
  private Pointer line;

  private LineV1(LibGpiodV1 lib, String chipPath, int offset, boolean input, Pointer line) {
    this.lib = lib;
    this.chipPath = chipPath;
    this.offset = offset;
    this.input = input;
    this.line = line;
  }

  private static Pointer line(LibGpiodV1 lib, Pointer chip, String chipPath, int lineCount, int offset) throws GpioException {
    if (offset < 0 || offset >= lineCount) throw Errno.lineRequestFailed(chipPath, offset, lineCount, Errno.EINVAL);
    Pointer line = lib.gpiod_chip_get_line(chip, offset);
    if (line == null) throw Errno.lineRequestFailed(chipPath, offset, lineCount, Native.getLastError());
    return line;
  }

  static LineV1 input(LibGpiodV1 lib, Pointer chip, String chipPath, int lineCount, int offset, InputSettings s)
      throws GpioException {
    Pointer line = line(lib, chip, chipPath, lineCount, offset);
    int flags = (s.activeLow() ? LibGpiodV1.GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0)
        | (s.pullUp() ? LibGpiodV1.GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP : 0);
    if (lib.gpiod_line_request_both_edges_events_flags(line, "hearth", flags) < 0) {
      throw Errno.lineRequestFailed(chipPath, offset, lineCount, Native.getLastError());
    }
    return new LineV1(lib, chipPath, offset, true, line);
  }

  static LineV1 output(LibGpiodV1 lib, Pointer chip, String chipPath, int lineCount, int offset, boolean activeLow,
      boolean initial) throws GpioException {
    Pointer line = line(lib, chip, chipPath, lineCount, offset);
    int flags = activeLow ? LibGpiodV1.GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    if (lib.gpiod_line_request_output_flags(line, "hearth", flags, initial ? 1 : 0) < 0) {
      throw Errno.lineRequestFailed(chipPath, offset, lineCount, Native.getLastError());
    }
    return new LineV1(lib, chipPath, offset, false, line);
  }

  @Override
  public int offset() {
    return offset;
  }

  @Override
  public boolean kernelDebounced() {
    return false;
  }

  @Override
  public synchronized boolean value() throws GpioException {
    int v = lib.gpiod_line_get_value(live());
    if (v < 0) throw Errno.lineCallFailed("gpiod_line_get_value", chipPath, offset, Native.getLastError());
    return v == 1;
  }

  @Override
  public synchronized List<LineEvent> awaitEvents(long timeoutMillis) throws GpioException {
    if (!input) throw new IllegalStateException("line " + offset + " of " + chipPath + " is an output");
    LibGpiodV1.timespec timeout = new LibGpiodV1.timespec();
    timeout.tv_sec = timeoutMillis / 1000;
    timeout.tv_nsec = (timeoutMillis % 1000) * 1_000_000L;
    int ready = lib.gpiod_line_event_wait(live(), timeout);
    if (ready < 0) throw Errno.lineCallFailed("gpiod_line_event_wait", chipPath, offset, Native.getLastError());
    if (ready == 0) return List.of();
    LibGpiodV1.gpiod_line_event event = new LibGpiodV1.gpiod_line_event();
    if (lib.gpiod_line_event_read(line, event) < 0) {
      throw Errno.lineCallFailed("gpiod_line_event_read", chipPath, offset, Native.getLastError());
    }
    return List.of(new LineEvent(event.event_type == LibGpiodV1.GPIOD_LINE_EVENT_RISING_EDGE,
        event.ts.tv_sec * 1_000_000_000L + event.ts.tv_nsec));
  }

  @Override
  public synchronized void set(boolean active) throws GpioException {
    if (input) throw new IllegalStateException("line " + offset + " of " + chipPath + " is an input");
    if (lib.gpiod_line_set_value(live(), active ? 1 : 0) < 0) {
      throw Errno.lineCallFailed("gpiod_line_set_value", chipPath, offset, Native.getLastError());
    }
  }

  private Pointer live() {
    if (line == null) throw new IllegalStateException("line " + offset + " of " + chipPath + " is released");
    return line;
  }

  @Override
  public synchronized void close() {
    if (line == null) return;
    lib.gpiod_line_release(line);
    line = null;
  }
}
