package dev.hearth.device;

import dev.hearth.audio.AudioFormat;
import dev.hearth.speech.InputFormats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A capture device (Java Sound, ALSA underneath) that records only while asked: {@link #open} opens it (once) and
 * says at what format, {@link #start} hands 20 ms chunks at that format to a sink from a platform thread it owns
 * ({@code hearth-mic}), and {@link #stop} ends that thread. Opened at a given rate, or at the device's own
 * ({@link #atDeviceRate}): 16 kHz when it takes that, else a rate it takes (48 kHz for many USB microphones). The
 * pipeline converts the rate, in its one place.
 */
public final class Microphone implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Microphone.class);
  /** The rate Vosk wants, tried first: a device that takes it needs no conversion. */
  static final int PREFERRED_RATE_HZ = 16_000;
  /** The rates tried, in order, after the preferred one, when the device does not list its own. */
  static final List<Integer> FALLBACK_RATES_HZ = List.of(48_000, 44_100, 32_000, 22_050, 8_000);
  private static final String HINT = "is it in use, or the wrong device? `arecord -l` lists them, and audio.input_device chooses one";

  private final TargetDataLine line;
  private final String name;
  private final int channels;
  /** The rate asked for; 0 = the device's own. */
  private final int requestedRateHz;
  private AudioFormat format;
  private Thread thread;
  private volatile boolean capturing;

  /** {@code line} is not open yet; {@code name} names the device in errors. Opens at exactly {@code format}. */
  public Microphone(TargetDataLine line, String name, AudioFormat format) {
    this(line, name, format.rateHz(), format.channels());
  }

  private Microphone(TargetDataLine line, String name, int requestedRateHz, int channels) {
    this.line = line;
    this.name = name;
    this.requestedRateHz = requestedRateHz;
    this.channels = channels;
  }

  /** A microphone opened at 16 kHz when the device takes it, else at a rate the device takes (see {@link #rates}). */
  public static Microphone atDeviceRate(TargetDataLine line, String name) {
    return new Microphone(line, name, 0, 1);
  }

  /** Opens the device if it is not open yet, and returns the format its chunks come in. */
  public synchronized AudioFormat open() throws AudioDeviceException {
    if (format != null && line.isOpen()) return format;
    if (requestedRateHz != 0) {
      AudioFormat f = AudioFormat.pcm16(requestedRateHz, channels);
      try {
        line.open(JavaSound.format(f), chunkBytes(f) * 10);
      } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
        throw new AudioDeviceException("cannot open the microphone " + name + " at " + requestedRateHz + " Hz ("
            + e.getMessage() + "); " + HINT + " (audio.input_rate_hz=0 finds a rate it takes)", e);
      }
      format = f;
      return format;
    }
    List<Integer> tried = rates(line, channels);
    Exception first = null;
    for (int rate : tried) {
      AudioFormat f = AudioFormat.pcm16(rate, channels);
      try {
        line.open(JavaSound.format(f), chunkBytes(f) * 10);
        format = f;
        log.info("microphone {} opened at {} Hz{}", name, rate, rate == PREFERRED_RATE_HZ ? "" : " (converted to 16 kHz for speech)");
        return format;
      } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
        if (first == null) first = e;
      }
    }
    throw new AudioDeviceException("cannot open the microphone " + name + " at any rate tried ("
        + String.join(", ", tried.stream().map(String::valueOf).toList()) + " Hz; at " + tried.get(0) + " Hz: "
        + (first == null ? "no rate to try" : first.getMessage()) + "); " + HINT, first);
  }

  /**
   * The rates to try, in order: 16 kHz when the line lists it or lists no rates (ALSA's devices list none), then
   * the rates it lists (highest first) or else {@link #FALLBACK_RATES_HZ}; only rates the speech layer accepts ({@link InputFormats}).
   */
  static List<Integer> rates(TargetDataLine line, int channels) {
    Set<Integer> listed = new LinkedHashSet<>();
    boolean anyRate = true;
    if (line.getLineInfo() instanceof DataLine.Info info && info.getFormats().length > 0) {
      anyRate = false;
      for (javax.sound.sampled.AudioFormat f : info.getFormats()) {
        boolean pcm16 = f.getSampleSizeInBits() == 16 || f.getSampleSizeInBits() == AudioSystem.NOT_SPECIFIED;
        boolean ours = f.getChannels() == channels || f.getChannels() == AudioSystem.NOT_SPECIFIED;
        if (!pcm16 || !ours) continue;
        if (f.getSampleRate() == AudioSystem.NOT_SPECIFIED) anyRate = true;
        else listed.add(Math.round(f.getSampleRate()));
      }
    }
    List<Integer> out = new ArrayList<>();
    if (anyRate || listed.contains(PREFERRED_RATE_HZ)) out.add(PREFERRED_RATE_HZ);
    List<Integer> others = listed.isEmpty() || anyRate ? new ArrayList<>(FALLBACK_RATES_HZ)
        : new ArrayList<>(listed.stream().sorted((a, b) -> b - a).toList());
    for (int rate : others) {
      if (InputFormats.acceptsRate(rate) && !out.contains(rate)) out.add(rate);
    }
    if (out.isEmpty()) out.add(PREFERRED_RATE_HZ);
    return out;
  }

  private static int chunkBytes(AudioFormat f) {
    return Math.max(f.frameBytes(), f.bytesPerSecond() / 50 / f.frameBytes() * f.frameBytes());
  }

  /** Opens the device if needed and starts handing chunks to {@code sink} until {@link #stop}. */
  public synchronized void start(Consumer<byte[]> sink) throws AudioDeviceException {
    if (capturing) return;
    AudioFormat f = open();
    line.flush();
    line.start();
    capturing = true;
    thread = new Thread(() -> capture(sink, chunkBytes(f)), "hearth-mic");
    thread.setDaemon(true);
    thread.start();
  }

  private void capture(Consumer<byte[]> sink, int chunkBytes) {
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
