package dev.hearth.device;

import dev.hearth.audio.AudioFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A playback device (Java Sound, ALSA underneath) fed from a queue by a platform thread it owns
 * ({@code hearth-speaker}), so the session's output never waits on the sound card. Each answer announces its format
 * first ({@link #begin}); the line is (re)opened when the format changes, with a small buffer for low latency.
 * {@link #flush()} drops everything not yet heard (barge-in). The session is done with an answer once it has queued
 * the last of it, seconds before it is heard: {@link #sounding()} and {@link #onDrained} say when it has played out,
 * reckoned from the audio's length since playing began (the device's buffer gives no reliable "empty").
 */
public final class Speaker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Speaker.class);
  private static final Object STOP = new Object();
  /** Queued by {@link #flush()} to wake the playing thread: nothing queued before it will be heard. */
  private static final Object FLUSHED = new Object();

  private final SourceDataLine line;
  private final String name;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final LongSupplier nanoClock;
  private final List<Runnable> drainedListeners = new CopyOnWriteArrayList<>();
  private AudioFormat open;
  /** Bumped by {@link #flush()}: audio queued under an older generation is dropped. */
  private volatile long generation;
  /** When the audio written so far will have been heard ({@link #nanoClock}'s time); the playing thread's alone. */
  private long heardByNanos = Long.MIN_VALUE;
  private volatile boolean sounding;

  /** {@code line} is not open yet; {@code name} names the device in errors. */
  public Speaker(SourceDataLine line, String name) {
    this(line, name, System::nanoTime);
  }

  Speaker(SourceDataLine line, String name, LongSupplier nanoClock) {
    this.line = line;
    this.name = name;
    this.nanoClock = nanoClock;
    this.thread = new Thread(this::play, "hearth-speaker");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether audio is queued or still playing: false once everything written has been heard (or flushed). */
  public boolean sounding() {
    return sounding || !queue.isEmpty();
  }

  /** Calls {@code listener} on the speaker's thread each time the audio written has all been heard; it must return at once. */
  public void onDrained(Runnable listener) {
    drainedListeners.add(listener);
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
    queue.add(FLUSHED);
    if (line.isOpen()) line.flush();
  }

  private void play() {
    try {
      while (true) {
        Object next;
        if (sounding) {
          next = queue.poll(Math.max(0, heardByNanos - nanoClock.getAsLong()), TimeUnit.NANOSECONDS);
          if (next == null) { // the wait ran to heardByNanos: all of it has been heard
            drained();
            continue;
          }
        } else {
          next = queue.take();
        }
        if (next == STOP) return;
        if (next == FLUSHED) {
          if (sounding) drained();
          continue;
        }
        Chunk c = (Chunk) next;
        if (c.generation() != generation) continue;
        if (c.item() instanceof AudioFormat f) {
          open(f);
        } else if (open != null) {
          byte[] pcm = (byte[]) c.item();
          int length = pcm.length - pcm.length % open.frameBytes();
          long now = nanoClock.getAsLong();
          heardByNanos = Math.max(heardByNanos, now) + length * 1_000_000_000L / open.bytesPerSecond();
          sounding = true;
          line.write(pcm, 0, length);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drained() {
    heardByNanos = Long.MIN_VALUE;
    sounding = false;
    for (Runnable l : drainedListeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        log.warn("speaker listener failed: {}", e.toString());
      }
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
