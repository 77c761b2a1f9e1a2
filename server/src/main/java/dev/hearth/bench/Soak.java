package dev.hearth.bench;

import dev.hearth.bench.BenchClient.Abandon;
import dev.hearth.bench.HealthProbe.MemoryPoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A long run of ordinary household use against a server on this machine: N clients take push-to-talk turns back to
 * back, some of them walking away from the answer (barge-in, a dropped socket, a client that stops reading), while a
 * canary client asks a known question once per sample interval and must get it right. Each interval prints the
 * server's resident memory, live heap, threads and the errors so far.
 */
final class Soak {
  /** Percentages of turns that end each way; the rest are heard out. */
  record Mix(int bargeInPercent, int disconnectPercent, int nonReaderPercent) {
    Abandon pick(Random random) {
      int r = random.nextInt(100);
      if (r < bargeInPercent) return Abandon.BARGE_IN;
      if (r < bargeInPercent + disconnectPercent) return Abandon.DISCONNECT;
      if (r < bargeInPercent + disconnectPercent + nonReaderPercent) return Abandon.STOP_READING;
      return Abandon.NONE;
    }
  }

  /** The server at one moment, {@code minutes} into the run; numbers are null where they could not be read. */
  record Sample(String label, double minutes, long turns, long errors, int canaryFailures, Long rssBytes,
      Long liveHeapBytes, Integer threads) {}

  /**
   * How the resident memory moved from minutes 10-20 to the last ten minutes: the median of each window's samples (one
   * sample swings by a tenth either way as the collector and the native libraries take and return memory). Empty when
   * the run is shorter than 30 minutes or a window has no readable sample.
   */
  static Optional<String> rssTrend(List<Sample> samples) {
    double end = samples.get(samples.size() - 1).minutes();
    if (end < 30) return Optional.empty();
    OptionalDouble early = median(samples, 10, 20);
    OptionalDouble late = median(samples, end - 10 + 1e-9, end + 1e-9); // the ten minutes up to the end, with it
    if (early.isEmpty() || late.isEmpty()) return Optional.empty();
    double growth = 100 * (late.getAsDouble() / early.getAsDouble() - 1);
    return Optional.of(String.format(Locale.ROOT, "RSS median over minutes 10-20 %.1f MB, over the last ten minutes %.1f MB:"
        + " %+.1f%%", early.getAsDouble() / 1048576.0, late.getAsDouble() / 1048576.0, growth));
  }

  private static OptionalDouble median(List<Sample> samples, double fromMinute, double toMinute) {
    double[] rss = samples.stream().filter(s -> s.minutes() >= fromMinute && s.minutes() < toMinute && s.rssBytes() != null)
        .mapToDouble(Sample::rssBytes).sorted().toArray();
    if (rss.length == 0) return OptionalDouble.empty();
    return OptionalDouble.of(rss.length % 2 == 1 ? rss[rss.length / 2] : (rss[rss.length / 2 - 1] + rss[rss.length / 2]) / 2);
  }

  /** What the run saw. */
  record Outcome(List<Sample> samples, Map<Abandon, Long> turnsByEnding, long errors, int canaries, int canaryFailures,
      boolean outOfMemory) {
    boolean passed() {
      return canaryFailures == 0 && !outOfMemory;
    }
  }

  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration UNREAD_FOR = Duration.ofSeconds(15);

  private final URI url;
  private final int clients;
  private final Mix mix;
  private final List<Utterance> utterances;
  private final Utterance canary;
  private final long seed;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param canary a question with a reference transcript that every canary turn must be heard as exactly
   */
  Soak(URI url, int clients, Mix mix, List<Utterance> utterances, Utterance canary, long seed, PrintStream out) {
    this.url = url;
    this.clients = clients;
    this.mix = mix;
    this.utterances = List.copyOf(utterances);
    this.canary = canary;
    this.seed = seed;
    this.out = out;
  }

  /**
   * Runs for {@code length}, sampling (with a canary turn first) every {@code sampleEvery}; then waits for the
   * clients' last turns (each bounded by the turn timeout).
   *
   * @param serverLog the server's log, searched for OutOfMemoryError at the end; null when there is none to read
   */
  Outcome run(Duration length, Duration sampleEvery, Path serverLog) throws Exception {
    HealthProbe health = new HealthProbe(http, url);
    long begin = System.nanoTime();
    long deadline = begin + length.toNanos();
    AtomicLong turns = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    Map<Abandon, AtomicLong> byEnding = new EnumMap<>(Abandon.class);
    for (Abandon a : Abandon.values()) byEnding.put(a, new AtomicLong());
    AtomicInteger turnNumber = new AtomicInteger();
    List<Sample> samples = new ArrayList<>();
    int canaries = 0;
    int canaryFailures = 0;

    Canary canaryClient = new Canary(http, url, canary, out);
    if (!canaryClient.ask()) canaryFailures++;
    canaries++;
    samples.add(sample("start", 0, health, turns.get(), errors.get(), canaryFailures));

    ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "soak-client"));
    List<Future<?>> running = new ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        int id = c;
        running.add(pool.submit(() -> {
          Random random = new Random(seed + id);
          try (BenchClient client = new BenchClient(id, http, url, true, false, TURN_TIMEOUT)) {
            for (int k = 0; System.nanoTime() < deadline; k++) {
              Abandon ending = mix.pick(random);
              Utterance u = utterances.get((id + k) % utterances.size());
              TurnResult r = client.run(turnNumber.getAndIncrement(), false, u, ending, UNREAD_FOR);
              turns.incrementAndGet();
              byEnding.get(ending).incrementAndGet();
              if (r.failed()) {
                errors.incrementAndGet();
                out.printf("turn %d (client %d, %s, %s) failed: errors %s, %s%n", r.turn(), id, u.file(),
                    ending.name().toLowerCase(), r.errors(), r.failure() == null ? "no client failure" : r.failure());
              }
            }
          }
          return null;
        }));
      }
      // samples at fixed offsets from the start, so that slow samples on a busy machine do not push the rest out
      for (long at = begin + sampleEvery.toNanos(); at < deadline; at += sampleEvery.toNanos()) {
        TimeUnit.NANOSECONDS.sleep(at - System.nanoTime()); // the clients run meanwhile
        if (!canaryClient.ask()) canaryFailures++;
        canaries++;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);
        samples.add(sample(String.format("at %d:%02d", seconds / 60, seconds % 60), seconds / 60.0, health, turns.get(),
            errors.get(), canaryFailures));
      }
      for (Future<?> f : running) f.get(TURN_TIMEOUT.plus(UNREAD_FOR).toMillis() * 2, TimeUnit.MILLISECONDS);
    } finally {
      pool.shutdownNow();
    }
    if (!canaryClient.ask()) canaryFailures++;
    canaries++;
    canaryClient.close();
    samples.add(sample("end", (System.nanoTime() - begin) / 60e9, health, turns.get(), errors.get(), canaryFailures));

    Map<Abandon, Long> counts = new EnumMap<>(Abandon.class);
    byEnding.forEach((k, v) -> counts.put(k, v.get()));
    boolean oom = serverLog != null && Files.isRegularFile(serverLog)
        && Files.readString(serverLog, StandardCharsets.UTF_8).contains("OutOfMemoryError");
    if (oom) out.println("OutOfMemoryError in " + serverLog);
    return new Outcome(samples, counts, errors.get(), canaries, canaryFailures, oom);
  }

  private Sample sample(String label, double minutes, HealthProbe health, long turns, long errors, int canaryFailures) {
    MemoryPoint point = health.sample(label, (int) turns);
    ProcessProbe.Reading reading = point.pid() == null ? new ProcessProbe.Reading(point.rssBytes(), null, null)
        : ProcessProbe.read(point.pid());
    Sample s = new Sample(label, minutes, turns, errors, canaryFailures,
        reading.rssBytes() != null ? reading.rssBytes() : point.rssBytes(), reading.liveHeapBytes(), reading.threads());
    out.printf("%-10s turns %5d  errors %3d  canary failures %d  RSS %s  live heap %s  threads %s%n", label, turns, errors,
        canaryFailures, mb(s.rssBytes()), mb(s.liveHeapBytes()), s.threads() == null ? "n/a" : s.threads());
    return s;
  }

  /** Bytes as megabytes with one decimal, or n/a. */
  static String mb(Long bytes) {
    return bytes == null ? "n/a" : String.format("%.1f MB", bytes / 1048576.0);
  }

  /** The question the canary asks, from a folder of WAV files and their transcripts.tsv. */
  static Utterance utterance(Path wav, Map<String, String> references) throws IOException {
    String name = wav.getFileName().toString();
    return new Utterance(name, references.get(name), dev.hearth.audio.Wav.read(wav));
  }
}
