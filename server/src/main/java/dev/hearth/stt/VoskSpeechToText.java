package dev.hearth.stt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.libc.LibC;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Vosk behind {@link SpeechToText}. The {@link Model} is loaded once and may be shared across threads.
 * A session borrows one {@link Recognizer}, which may not be used by two threads at once.
 *
 * <p>Recognizers are pooled: a new recognizer builds its decoding graph lazily and spends about five times
 * longer on its first utterance than a reset one that has decoded before (measured: 530 ms vs 100 ms for
 * 2.8 s of speech). Closing a session ends its recognizer's utterance and returns it to the pool. The pool grows with
 * the streams heard at once, up to {@link Pool#most} idle recognizers, so several people speaking at once do not each
 * pay for a cold one on every turn; but a warm recognizer holds up to about 50 MB of native memory, so those beyond
 * {@link Pool#kept} are freed once they have been idle for {@link Pool#idleMillis} (the least recently used first,
 * checked by a thread of the pool's own), and a recognizer beyond {@code most} is freed after its turn. After freeing,
 * glibc is asked to give the memory back to the operating system (otherwise resident memory only grows). A recognizer
 * has no finalizer: each is freed exactly once, when the pool has no room or no use for it, or the model is closed.
 */
public final class VoskSpeechToText implements SpeechToText {
  private static final Logger log = LoggerFactory.getLogger(VoskSpeechToText.class);
  private static final ObjectMapper json = new ObjectMapper();
  private static final LibC libc = LibC.load();
  /** Silence fed to a returned recognizer so that a final result frees its decoder (10 ms at 16 kHz). */
  private static final int RESTART_SILENCE_BYTES = 320;

  /**
   * How many warm recognizers the pool keeps: {@code kept} always, up to {@code most} while they were used within
   * {@code idleMillis}.
   */
  public record Pool(int kept, int most, long idleMillis) {
    public Pool {
      if (kept < 0 || most < kept || idleMillis < 0) {
        throw new IllegalArgumentException("a pool keeps 0 <= kept <= most recognizers, not " + kept + " and " + most);
      }
    }

    /** A pool that keeps {@code size} recognizers, and no more. */
    public static Pool of(int size) {
      return new Pool(size, size, 0);
    }
  }

  /** An idle recognizer and when it was handed back (System.nanoTime). */
  private record Idle(Recognizer recognizer, long since) {}

  private final Model model;
  private final String name;
  private final Pool pool;
  /** Most recently used first; guarded by {@code this}. */
  private final ArrayDeque<Idle> idle = new ArrayDeque<>();
  /** Samples each idle recognizer has decoded in its life (absent: none); guarded by {@code this}. */
  private final Map<Recognizer, Long> decodedSamples = new IdentityHashMap<>();
  /** Frees the recognizers idle for too long; none when the pool keeps a fixed number. */
  private final ScheduledExecutorService trimmer;
  private boolean closed;

  private VoskSpeechToText(Model model, String name, Pool pool) {
    this.model = model;
    this.name = name;
    this.pool = pool;
    if (pool.most() > pool.kept()) {
      this.trimmer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hearth-stt-pool");
        t.setDaemon(true);
        return t;
      });
      long every = Math.max(1_000, pool.idleMillis() / 4);
      trimmer.scheduleWithFixedDelay(() -> trim(System.nanoTime()), every, every, TimeUnit.MILLISECONDS);
    } else {
      this.trimmer = null;
    }
  }

  /** Loads the model with a pool of up to 2 idle recognizers. */
  public static VoskSpeechToText load(Path modelDir) throws SttException {
    return load(modelDir, Pool.of(2));
  }

  /** Loads the model; throws with a message saying what to do when the folder is not a usable model. */
  public static VoskSpeechToText load(Path modelDir, Pool pool) throws SttException {
    LibVosk.setLogLevel(LogLevel.WARNINGS);
    long start = System.nanoTime();
    try {
      Model model = new Model(modelDir.toString());
      VoskSpeechToText stt = new VoskSpeechToText(model, modelDir.getFileName().toString(), pool);
      log.info("Loaded Vosk model {} in {} ms", modelDir, (System.nanoTime() - start) / 1_000_000);
      return stt;
    } catch (IOException e) {
      throw new SttException("Vosk could not load the model in " + modelDir + " (corrupt or not a Vosk model)."
          + " Rebuild the default with `mvn -q -DskipTests package`, or point stt.model_dir at an unpacked model"
          + " from https://alphacephei.com/vosk/models", e);
    }
  }

  @Override
  public String modelName() {
    return name;
  }

  @Override
  public Session open() throws SttException {
    Recognizer recognizer;
    synchronized (this) {
      if (closed) throw new SttException("the speech model is closed");
      Idle warm = idle.poll();
      recognizer = warm == null ? null : warm.recognizer();
    }
    if (recognizer == null) {
      try {
        recognizer = new Recognizer(model, 16_000f);
        recognizer.setMaxAlternatives(0);
        recognizer.setWords(false);
      } catch (IOException e) {
        throw new SttException("could not create a Vosk recognizer", e);
      }
    }
    return new VoskSession(recognizer, lifeSamples(recognizer), this::release);
  }

  /**
   * Opens a recognizer that answers with Vosk's own JSON. Without a phrase list it borrows a warm pooled recognizer
   * (set back to the pool's plain settings when closed); a phrase list compiles a grammar into a recognizer of its
   * own, freed when closed.
   *
   * <p>Vosk's word times count from a recognizer's first sample ever, and {@code Reset} does not restart them; a
   * pooled recognizer's times run on from exactly the samples it has decoded in its life (see {@link #release}),
   * which the {@link VoskRecognizer} subtracts, so its times count from the start of its own stream.
   */
  public VoskRecognizer recognizer(VoskRecognizer.Options options) throws SttException {
    if (options.phraseList().isEmpty()) {
      VoskSession session = (VoskSession) open();
      long decoded = session.samples();
      Recognizer r = session.detach();
      r.setWords(options.words());
      r.setMaxAlternatives(options.maxAlternatives());
      return new VoskRecognizer(r, true, decoded, this::release);
    }
    synchronized (this) {
      if (closed) throw new SttException("the speech model is closed");
    }
    try {
      Recognizer r = new Recognizer(model, 16_000f, json.writeValueAsString(options.phraseList().get()));
      r.setWords(options.words());
      r.setMaxAlternatives(options.maxAlternatives());
      return new VoskRecognizer(r, false, 0, this::release);
    } catch (IOException e) {
      throw new SttException("could not create a Vosk recognizer for the phrase list", e);
    }
  }

  /**
   * Decodes {@code pcm16k} once on each of {@code recognizers} recognizers, each on its own thread (so on as many cores
   * as there are), and pools them, so the first turns do not pay for building the decoding graph.
   */
  @Override
  public void warmUp(byte[] pcm16k, int recognizers) throws SttException {
    long start = System.nanoTime();
    List<Session> sessions = new ArrayList<>();
    try {
      for (int i = 0; i < Math.min(recognizers, pool.kept()); i++) sessions.add(open());
      List<Thread> threads = new ArrayList<>();
      AtomicReference<SttException> failed = new AtomicReference<>();
      for (Session s : sessions) {
        Thread t = new Thread(() -> {
          try {
            s.accept(pcm16k);
            s.finish();
          } catch (SttException e) {
            failed.compareAndSet(null, e);
          } catch (RuntimeException | Error e) { // JNA reports a native fault as an Error
            failed.compareAndSet(null, new SttException("warming up a recognizer failed: " + e, e));
          }
        }, "hearth-stt-warm-up-" + threads.size());
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) t.join();
      if (failed.get() != null) throw failed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SttException("interrupted while warming up the recognizers", e);
    } finally {
      for (Session s : sessions) s.close();
    }
    log.info("Warmed up {} recognizer{} in {} ms", sessions.size(), sessions.size() == 1 ? "" : "s",
        (System.nanoTime() - start) / 1_000_000);
  }

  private synchronized boolean poolHasRoom() {
    return !closed && idle.size() < pool.most();
  }

  /** Frees recognizers no one will use again and asks glibc to give their memory back to the system. */
  private static void free(List<Recognizer> recognizers) {
    recognizers.forEach(Recognizer::close);
    if (libc != null) libc.malloc_trim(0);
  }

  /** Recognizers idle in the pool now (for tests). */
  synchronized int idleRecognizers() {
    return idle.size();
  }

  /**
   * Frees the idle recognizers beyond {@link Pool#kept} that have been idle for longer than {@link Pool#idleMillis}
   * at {@code now} (System.nanoTime), the least recently used first. Runs on the pool's own thread.
   */
  void trim(long now) {
    List<Recognizer> stale = new ArrayList<>();
    synchronized (this) {
      long idleNanos = TimeUnit.MILLISECONDS.toNanos(pool.idleMillis());
      while (idle.size() > pool.kept() && now - idle.peekLast().since() > idleNanos) {
        Recognizer r = idle.pollLast().recognizer();
        decodedSamples.remove(r);
        stale.add(r);
      }
    }
    if (stale.isEmpty()) return;
    free(stale);
    log.debug("Freed {} recognizer{} idle for over {} ms", stale.size(), stale.size() == 1 ? "" : "s", pool.idleMillis());
  }

  /** Samples {@code recognizer} has decoded in its life (0 for a new one); its borrower keeps count until it is released. */
  private synchronized long lifeSamples(Recognizer recognizer) {
    Long n = decodedSamples.remove(recognizer);
    return n == null ? 0 : n;
  }

  @Override
  public void close() {
    List<Recognizer> toFree;
    synchronized (this) {
      if (closed) return;
      closed = true;
      toFree = idle.stream().map(Idle::recognizer).toList();
      idle.clear();
      decodedSamples.clear();
    }
    if (trimmer != null) { // a trim under way frees what it took before the model goes
      trimmer.shutdownNow();
      try {
        trimmer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    toFree.forEach(Recognizer::close);
    model.close();
  }

  /**
   * Takes back a session's recognizer: reset and pooled, or freed when the pool is full or closed.
   *
   * @param samples what it has decoded in its life, this borrower's audio included
   */
  private void release(Recognizer recognizer, boolean reusable, long samples) {
    if (reusable && poolHasRoom()) {
      // Vosk's Reset keeps the decoder and feature pipeline, so the next borrower would first decode what is left of
      // this stream; a final result frees them (it needs a running utterance, hence the silence), and the next audio
      // starts a new decoder whose clock stands at exactly the samples decoded so far
      byte[] silence = new byte[RESTART_SILENCE_BYTES];
      recognizer.acceptWaveForm(silence, silence.length);
      recognizer.getFinalResult();
      recognizer.reset();
      long decoded = samples + silence.length / 2;
      synchronized (this) {
        if (!closed && idle.size() < pool.most()) {
          decodedSamples.put(recognizer, decoded);
          idle.push(new Idle(recognizer, System.nanoTime())); // most recently used first: its caches are the warmest
          return;
        }
        decodedSamples.remove(recognizer);
      }
    }
    free(List.of(recognizer));
  }
}
