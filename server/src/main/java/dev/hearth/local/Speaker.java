package dev.hearth.local;

import dev.hearth.audio.AudioFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A playback device (Java Sound, ALSA underneath) fed from a queue by a platform thread it owns
 * ({@code hearth-speaker}), so the session's output never waits on the sound card. Each answer announces its format
 * first ({@link #begin}); the line is (re)opened when the format changes, with a small buffer for low latency.
 * {@link #flush()} drops everything not yet heard (barge-in).
 */
public final class Speaker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Speaker.class);
  private static final Object STOP = new Object();

  private final SourceDataLine line;
  private final String name;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private AudioFormat open;
  /** Bumped by {@link #flush()}: audio queued under an older generation is dropped. */
  private volatile long generation;

  /** {@code line} is not open yet; {@code name} names the device in errors. */
  public Speaker(SourceDataLine line, String name) {
    this.line = line;
    this.name = name;
    this.thread = new Thread(this::play, "hearth-speaker");
    thread.setDaemon(true);
    thread.start();
  }

  private record Chunk(long generation, Object item) {}

  /** An answer's audio follows, in {@code format}. */
  public void begin(AudioFormat format) {
    queue.add(new Chunk(generation, format));
  }

  /** Queues {@code pcm} for playback. */
  public void write(byte[] pcm) {
    queue.add(new Chunk(generation, pcm));
  }

  /** Drops what is queued and what the device has buffered: the answer stops at once. */
  public void flush() {
    generation++;
    queue.clear();
    if (line.isOpen()) line.flush();
  }

  private void play() {
    try {
      while (true) {
        Object next = queue.take();
        if (next == STOP) return;
        Chunk c = (Chunk) next;
        if (c.generation() != generation) continue;
        if (c.item() instanceof AudioFormat f) {
          open(f);
        } else if (open != null) {
          byte[] pcm = (byte[]) c.item();
          line.write(pcm, 0, pcm.length - pcm.length % open.frameBytes());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void open(AudioFormat f) {
    if (f.equals(open) && line.isOpen()) return;
    if (line.isOpen()) {
      line.drain();
      line.close();
    }
    try {
      line.open(JavaSound.format(f), f.bytesPerSecond() / 10); // 100 ms of device buffer
      line.start();
      open = f;
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      open = null;
      log.error("cannot open the speaker {} at {} Hz ({}); is it in use, or the wrong device? `aplay -l` lists them, "
          + "and audio.output_device chooses one", name, f.rateHz(), e.getMessage());
    }
  }

  @Override
  public void close() {
    flush();
    queue.add(STOP);
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    line.close();
  }
}
