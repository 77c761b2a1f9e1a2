package dev.hearth.llm.hub;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress bar on a terminal ({@code \r}-redrawn: bytes, percent, speed), or plain lines at every tenth of a file
 * when the output is not a terminal (logs, pipes).
 */
public final class ConsoleProgress implements PullProgress {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private String path;
  private long total;
  private long done;
  private long startBytes;
  private long startNanos;
  private long lastDraw;
  private int lastTenth;

  /** {@code nanoTime} is {@code System::nanoTime} outside tests. */
  public ConsoleProgress(PrintWriter out, boolean terminal, LongSupplier nanoTime) {
    this.out = out;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  @Override
  public void start(String path, long totalBytes, long doneBytes) {
    this.path = path;
    this.total = totalBytes;
    this.done = doneBytes;
    this.startBytes = doneBytes;
    this.startNanos = nanoTime.getAsLong();
    this.lastDraw = 0;
    this.lastTenth = tenth();
    if (!terminal) out.println(path + ": " + (doneBytes > 0 ? "resuming at " + mb(doneBytes) + " of " : "") + mb(totalBytes));
  }

  @Override
  public void advance(long bytes) {
    done += bytes;
    long now = nanoTime.getAsLong();
    if (terminal) {
      if (now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        out.print("\r" + line(now));
        out.flush();
      }
    } else if (tenth() > lastTenth) {
      lastTenth = tenth();
      out.println(line(now));
    }
  }

  @Override
  public void finish(String path) {
    if (terminal) out.print("\r" + line(nanoTime.getAsLong()) + "\n");
    else out.println(path + ": done, checksum ok");
    out.flush();
  }

  @Override
  public void note(String message) {
    out.println(message);
  }

  /** E.g. {@code model.safetensors [#########-----------]  45%  445.3/988.1 MB  12.4 MB/s}. */
  String line(long now) {
    // a server may send more than the listing said (the size check fails afterwards): the bar stays full, no more
    int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : 0;
    int filled = percent / 5;
    double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
    double speed = (done - startBytes) / seconds;
    return String.format("%-28s [%s%s] %3d%%  %s/%s  %.1f MB/s", path, "#".repeat(filled), "-".repeat(20 - filled), percent,
        String.format("%.1f", done / 1e6), mb(total), speed / 1e6);
  }

  private int tenth() {
    return total > 0 ? (int) (done * 10 / total) : 0;
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
