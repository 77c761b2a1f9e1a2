package dev.hearth.device;

import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/** Hand-written Java Sound lines: a microphone that "hears" given PCM, and a speaker that keeps what it is sent. */
final class FakeLines {
  private FakeLines() {}

  /** The parts of a data line both fakes share; {@code busy} makes open() fail as a device in use does. */
  abstract static class FakeLine implements DataLine {
    volatile boolean open;
    volatile boolean running;
    volatile boolean busy;
    volatile AudioFormat format;

    public void open(AudioFormat f, int bufferSize) throws LineUnavailableException {
      if (busy) throw new LineUnavailableException("Device or resource busy");
      format = f;
      open = true;
    }

    public void open(AudioFormat f) throws LineUnavailableException { open(f, 4096); }
    @Override public void open() throws LineUnavailableException { open(format, 4096); }
    @Override public void close() { open = false; running = false; }
    @Override public boolean isOpen() { return open; }
    @Override public void start() { running = true; }
    @Override public void stop() { running = false; }
    @Override public boolean isRunning() { return running; }
    @Override public boolean isActive() { return running; }
    @Override public void drain() { }
    @Override public void flush() { }
    @Override public AudioFormat getFormat() { return format; }
    @Override public int getBufferSize() { return 4096; }
    @Override public int available() { return 0; }
    @Override public int getFramePosition() { return 0; }
    @Override public long getLongFramePosition() { return 0; }
    @Override public long getMicrosecondPosition() { return 0; }
    @Override public float getLevel() { return AudioSystem.NOT_SPECIFIED; }
    @Override public Line.Info getLineInfo() { return new Line.Info(getClass()); }
    @Override public Control[] getControls() { return new Control[0]; }
    @Override public boolean isControlSupported(Control.Type control) { return false; }
    @Override public Control getControl(Control.Type control) { throw new IllegalArgumentException("no controls"); }
    @Override public void addLineListener(LineListener listener) { }
    @Override public void removeLineListener(LineListener listener) { }
  }

  /**
   * Delivers {@code pcm} once, as fast as it is read, then blocks (silence) until stopped. Knobs: {@link #onlyRateHz}
   * (open() refuses every other rate, as a USB microphone that captures at 48 kHz only does) and {@link #listsItsRate}
   * (its line info names that rate; Java Sound's ALSA lines name none).
   */
  static final class Microphone extends FakeLine implements TargetDataLine {
    private final byte[] pcm;
    private volatile int position;
    volatile int onlyRateHz;
    volatile boolean listsItsRate;
    final java.util.List<Float> ratesTried = new java.util.concurrent.CopyOnWriteArrayList<>();

    Microphone(byte[] pcm) {
      this.pcm = pcm;
    }

    @Override
    public void open(AudioFormat f, int bufferSize) throws LineUnavailableException {
      ratesTried.add(f.getSampleRate());
      if (!busy && onlyRateHz != 0 && f.getSampleRate() != onlyRateHz) {
        throw new LineUnavailableException("Invalid argument: " + Math.round(f.getSampleRate()) + " Hz is not supported");
      }
      super.open(f, bufferSize);
    }

    @Override
    public Line.Info getLineInfo() {
      float rate = onlyRateHz != 0 && listsItsRate ? onlyRateHz : AudioSystem.NOT_SPECIFIED;
      return new DataLine.Info(TargetDataLine.class, new AudioFormat(rate, 16, 1, true, false));
    }

    boolean exhausted() {
      return position >= pcm.length;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      while (running && exhausted()) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
      if (!running) return 0;
      int n = Math.min(len, pcm.length - position);
      System.arraycopy(pcm, position, b, off, n);
      position += n;
      return n;
    }
  }

  /** Keeps every byte written, in the format it was opened with, and when the latest answer's first byte came. */
  static final class Speaker extends FakeLine implements SourceDataLine {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private long firstWriteNanos;

    synchronized int bytes() {
      return written.size();
    }

    /** {@link System#nanoTime()} of the first write since the last call (0: none yet). */
    synchronized long takeFirstWriteNanos() {
      long t = firstWriteNanos;
      firstWriteNanos = 0;
      return t;
    }

    @Override
    public synchronized int write(byte[] b, int off, int len) {
      if (firstWriteNanos == 0) firstWriteNanos = System.nanoTime();
      written.write(b, off, len);
      return len;
    }
  }
}
