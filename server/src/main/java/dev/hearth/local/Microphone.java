package dev.hearth.local;

import dev.hearth.audio.AudioFormat;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A capture device (Java Sound, ALSA underneath) that records only while asked: {@link #start} opens it if needed
 * and hands 20 ms chunks, at the device's own rate, to a sink from a platform thread it owns ({@code hearth-mic});
 * {@link #stop} ends that thread. The pipeline converts the rate, in its one place.
 */
public final class Microphone implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Microphone.class);

  private final TargetDataLine line;
  private final String name;
  private final AudioFormat format;
  private final int chunkBytes;
  private Thread thread;
  private volatile boolean capturing;

  /** {@code line} is not open yet; {@code name} names the device in errors. */
  public Microphone(TargetDataLine line, String name, AudioFormat format) {
    this.line = line;
    this.name = name;
    this.format = format;
    this.chunkBytes = Math.max(format.frameBytes(), format.bytesPerSecond() / 50 / format.frameBytes() * format.frameBytes());
  }

  public AudioFormat format() {
    return format;
  }

  /** Starts handing chunks to {@code sink} until {@link #stop}. */
  public synchronized void start(Consumer<byte[]> sink) throws AudioDeviceException {
    if (capturing) return;
    if (!line.isOpen()) {
      try {
        line.open(JavaSound.format(format), chunkBytes * 10);
      } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
        throw new AudioDeviceException("cannot open the microphone " + name + " at " + format.rateHz() + " Hz ("
            + e.getMessage() + "); is it in use, or the wrong device? `arecord -l` lists them, and "
            + "audio.input_device chooses one (audio.input_rate_hz=48000 suits many USB microphones)", e);
      }
    }
    line.flush();
    line.start();
    capturing = true;
    thread = new Thread(() -> capture(sink), "hearth-mic");
    thread.setDaemon(true);
    thread.start();
  }

  private void capture(Consumer<byte[]> sink) {
    byte[] buf = new byte[chunkBytes];
    while (capturing) {
      int n = line.read(buf, 0, buf.length);
      if (n <= 0) {
        if (!line.isActive() || !line.isOpen()) break;
        continue;
      }
      try {
        sink.accept(Arrays.copyOf(buf, n));
      } catch (RuntimeException e) {
        log.warn("microphone audio was refused: {}", e.getMessage());
      }
    }
  }

  /** Stops capturing; returns once the capture thread has handed over its last chunk. */
  public synchronized void stop() {
    if (!capturing) return;
    capturing = false;
    line.stop();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    stop();
    line.close();
  }
}
