package dev.hearth.bench;

/**
 * Plays an answer's audio as the page does ({@code web/player.js}): each frame is scheduled where the one before it
 * ends, the first {@value #START_LEAD_MILLIS} ms after it arrives. A frame that arrives after everything before it has
 * played is an underrun: the listener heard a gap, as long as the frame was late.
 */
final class PlaybackClock {
  /** The page's margin before an answer's first frame (and after an underrun), against network jitter. */
  static final long START_LEAD_MILLIS = 30;

  private long bytesPerSecond;
  private long playsUntilNanos;
  private boolean started;
  private int underruns;
  private long gapNanos;

  /** An answer's audio begins ({@code audio_start}): its frames carry {@code bytesPerSecond}. */
  void begin(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
    started = false;
  }

  /** A frame of {@code bytes} arrived at {@code nanos}. */
  void frame(long nanos, int bytes) {
    if (bytesPerSecond <= 0 || bytes <= 0) return;
    if (!started || nanos > playsUntilNanos) {
      if (started) {
        underruns++;
        gapNanos += nanos - playsUntilNanos;
      }
      started = true;
      playsUntilNanos = nanos + START_LEAD_MILLIS * 1_000_000;
    }
    playsUntilNanos += bytes * 1_000_000_000L / bytesPerSecond;
  }

  int underruns() {
    return underruns;
  }

  /** The gaps' length, in milliseconds (the lead added after each is not counted). */
  double gapMillis() {
    return Math.round(gapNanos / 1_000.0) / 1_000.0;
  }
}
