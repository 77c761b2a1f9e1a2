package dev.hearth.tts;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import marytts.util.data.BaseDoubleDataSource;
import marytts.util.data.ProducingDoubleDataSource;
import marytts.util.data.audio.DDSAudioInputStream;
import marytts.util.data.audio.SequenceAudioInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vocoder threads MaryTTS 5.2.1 started for one synthesis, made stoppable and watched.
 *
 * <p>MaryTTS computes the samples of an HMM voice on a thread of its own ({@code HTSVocoderDataProducer}), which
 * hands them to the reader through a 1,024-sample {@link ArrayBlockingQueue}. Closing the {@link AudioInputStream}
 * does not stop that thread: abandoned, it waits on its full queue forever, holding the utterance (about 6.5 MB);
 * and if it dies, the reader waits forever in {@code getOneDataPoint}. MaryTTS reads the producer's {@code queue}
 * field on every sample, so each producer's queue is replaced by a {@link Watched} one (the samples already in the
 * old queue are read first): {@link #stop} makes the producer's next sample end its thread quietly, and a reader
 * whose producer died or stalls gets a {@link Failure} instead of waiting. Nothing shared is touched: the producers
 * belong to this synthesis alone, so the one {@code LocalMaryInterface} stays safe to use from several threads.
 */
final class MaryVocoders {
  private static final Logger log = LoggerFactory.getLogger(MaryVocoders.class);
  private static final Double END_OF_STREAM = Double.NEGATIVE_INFINITY; // MaryTTS's own end marker
  private static final long POLL_MILLIS = 20;
  /**
   * How long a read waits on a producer's old queue before it looks at the new one again. The producer moves to the new
   * queue at its next sample and never wakes a reader waiting on the old one, so a longer wait there is dead time.
   */
  private static final long HANDOVER_MILLIS = 1;
  private static final Field SEQUENCE = field(SequenceAudioInputStream.class, "m_audioInputStreamList");
  private static final Field SOURCE = field(DDSAudioInputStream.class, "source");
  private static final Field INPUT = field(BaseDoubleDataSource.class, "inputSource");
  private static final Field QUEUE = field(ProducingDoubleDataSource.class, "queue");
  private static final Field THREAD = field(ProducingDoubleDataSource.class, "dataProducingThread");

  /** Runs on the vocoder thread before each sample it hands over: a test's way to make a producer fail. */
  interface Fault {
    Fault NONE = () -> {};

    void beforeSample() throws InterruptedException;
  }

  /** Why reading stopped: the vocoder died or stalled. Thrown through MaryTTS's reading code to the reader. */
  static final class Failure extends RuntimeException {
    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Ends a cancelled vocoder thread: an Error, so MaryTTS's {@code catch (Exception)} does not log it. */
  private static final class Stopped extends Error {
    Stopped() {
      super("synthesis closed", null, false, false);
    }
  }

  private static final Stopped STOPPED = new Stopped();

  private final List<Watched> watched;

  private MaryVocoders(List<Watched> watched) {
    this.watched = watched;
  }

  /** Finds the vocoder threads behind {@code audio} and puts them under watch; none for a voice that has none. */
  static MaryVocoders watch(AudioInputStream audio, long stallMillis, Fault fault) {
    List<ProducingDoubleDataSource> producers = new ArrayList<>();
    collect(audio, producers);
    List<Watched> watched = new ArrayList<>();
    for (ProducingDoubleDataSource p : producers) {
      Thread thread = (Thread) get(THREAD, p);
      if (thread == null) continue; // never started: it has no thread to stop or to wait for
      @SuppressWarnings("unchecked")
      ArrayBlockingQueue<Double> old = (ArrayBlockingQueue<Double>) get(QUEUE, p);
      Watched w = new Watched(old, thread, TimeUnit.MILLISECONDS.toNanos(stallMillis), fault);
      thread.setUncaughtExceptionHandler(w);
      set(QUEUE, p, w);
      watched.add(w);
    }
    return new MaryVocoders(watched);
  }

  /** How many vocoder threads are watched (a test's check that the stream was understood). */
  int size() {
    return watched.size();
  }

  /** Stops every vocoder thread: each ends at its next sample, within milliseconds, and frees what it held. */
  void stop() {
    for (Watched w : watched) w.stop();
  }

  private static void collect(Object node, List<ProducingDoubleDataSource> out) {
    if (node instanceof SequenceAudioInputStream) {
      for (Object part : (List<?>) get(SEQUENCE, node)) collect(part, out);
    } else if (node instanceof DDSAudioInputStream) {
      collect(get(SOURCE, node), out);
    } else if (node instanceof ProducingDoubleDataSource p) {
      out.add(p);
    } else if (node instanceof BaseDoubleDataSource) {
      collect(get(INPUT, node), out); // an effect or filter in front of the samples' source
    }
  }

  /**
   * The queue a producer hands samples to from now on. Samples still in the producer's {@code old} queue come
   * first: once a sample is seen here and the old queue is (still) empty, the producer has moved on for good.
   */
  private static final class Watched extends ArrayBlockingQueue<Double> implements Thread.UncaughtExceptionHandler {
    private final ArrayBlockingQueue<Double> old;
    private final Thread thread;
    private final long stallNanos;
    private final Fault fault;
    private volatile boolean stopped;
    private volatile Throwable died;
    private boolean oldDrained; // reader's thread only

    Watched(ArrayBlockingQueue<Double> old, Thread thread, long stallNanos, Fault fault) {
      super(old.remainingCapacity() + old.size());
      this.old = old;
      this.thread = thread;
      this.stallNanos = stallNanos;
      this.fault = fault;
    }

    void stop() {
      stopped = true;
      clear(); // wakes a producer blocked on either queue; its next sample then ends it
      old.clear();
    }

    @Override
    public void put(Double sample) throws InterruptedException {
      if (stopped) throw STOPPED;
      fault.beforeSample();
      super.put(sample);
    }

    @Override
    public Double take() {
      long deadline = System.nanoTime() + stallNanos;
      try {
        while (true) {
          Double sample = nextSample(POLL_MILLIS);
          if (sample != null) return sample;
          if (stopped) return END_OF_STREAM;
          if (!thread.isAlive()) {
            sample = nextSample(0); // everything the thread put is visible now that it has ended
            if (sample != null) return sample;
            Throwable cause = died;
            throw new Failure("MaryTTS's vocoder thread ended before the audio did"
                + (cause != null ? ": " + cause : " (see the log for what it reported)"), cause);
          }
          if (System.nanoTime() - deadline > 0) {
            thread.interrupt(); // it is wedged; if the interrupt reaches it, it ends
            throw new Failure("MaryTTS's vocoder made no audio for " + TimeUnit.NANOSECONDS.toMillis(stallNanos) + " ms", null);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Failure("interrupted while waiting for MaryTTS's vocoder", e);
      }
    }

    private Double nextSample(long millis) throws InterruptedException {
      if (!oldDrained) {
        Double sample = old.poll();
        if (sample != null) return sample;
        // Nothing in either yet: wait on the old queue only briefly, as the producer may have moved here already
        if (super.peek() == null) return old.poll(Math.min(millis, HANDOVER_MILLIS), TimeUnit.MILLISECONDS);
        sample = old.poll(); // a sample put into the old queue before the one now seen here is visible too
        if (sample != null) return sample;
        oldDrained = true;
      }
      return super.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int size() {
      return old.size() + super.size();
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
      if (e instanceof Stopped) return;
      died = e;
      log.warn("MaryTTS's vocoder thread {} died: {}", t.getName(), e.toString());
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field f = type.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("MaryTTS " + type.getName() + "." + name + " is not as in MaryTTS 5.2.1: " + e, e);
    }
  }

  private static Object get(Field f, Object target) {
    try {
      return f.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void set(Field f, Object target, Object value) {
    try {
      f.set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
