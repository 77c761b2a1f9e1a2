package dev.hearth.bench;

import dev.hearth.audio.Wav;
import dev.hearth.bench.HealthProbe.MemoryPoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hearth bench}: replays WAV files through a running server's {@code /ws} with N concurrent clients and
 * reports latencies, word error rate, STT real-time factor and server memory, as a table on stdout and a JSON
 * file. Warmup turns run first, on one client, before the measured turns start on all clients.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Replays WAV files through a running server's /ws with concurrent clients and reports latencies "
        + "(release -> final transcript, first reply, first audio, turn_done), WER, STT real-time factor and "
        + "server memory. Exits 0 even when turns fail; nonzero only when the server cannot be reached.")
public final class BenchCommand implements Callable<Integer> {
  /** Memory is also sampled after these many measured turns, when the run has them. */
  private static final List<Integer> MEMORY_CHECKPOINTS = List.of(100, 200);

  enum Pace { REALTIME, FAST }

  enum ConversationMode { NEW, ONE }

  /** Reads {@code --pace} case-insensitively (the annotation cannot ask for that; the subcommand may be nested). */
  static final class PaceConverter implements ITypeConverter<Pace> {
    @Override
    public Pace convert(String value) {
      return Pace.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  static final class ConversationConverter implements ITypeConverter<ConversationMode> {
    @Override
    public ConversationMode convert(String value) {
      return ConversationMode.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  @Spec CommandSpec spec;

  @Mixin CommandBench.Options commands;

  @Mixin ModelTurns.Options model;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "ws://127.0.0.1:8080/ws",
      description = "Server WebSocket. Default: ${DEFAULT-VALUE}")
  URI url;

  @Option(names = "--audio", paramLabel = "DIR", defaultValue = "testdata/audio",
      description = "Folder of 16-bit PCM WAV files to replay. Default: ${DEFAULT-VALUE}")
  Path audioDir;

  @Option(names = "--transcripts", paramLabel = "FILE",
      description = "References: file<TAB>text<TAB>duration_s<TAB>source. Default: DIR/transcripts.tsv")
  Path transcripts;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "1",
      description = "Concurrent clients. Default: ${DEFAULT-VALUE}")
  int clients;

  @Option(names = "--turns", paramLabel = "N",
      description = "Measured turns across all clients; files are cycled. Default: one pass over the files per client")
  Integer turns;

  @Option(names = "--pace", paramLabel = "realtime|fast", defaultValue = "realtime", converter = PaceConverter.class,
      description = "realtime: 20 ms frames at wall-clock pace; fast: as fast as possible. Default: ${DEFAULT-VALUE}")
  Pace pace;

  @Option(names = "--out", paramLabel = "FILE.json", description = "Default: bench-results/bench-<timestamp>.json")
  Path out;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
      description = "Turns each client runs first, all clients at once, not counted. Default: ${DEFAULT-VALUE}")
  int warmup;

  @Option(names = "--conversation", paramLabel = "new|one", defaultValue = "new",
      converter = ConversationConverter.class,
      description = "new: each turn starts a conversation; one: one conversation per client. Default: ${DEFAULT-VALUE}")
  ConversationMode conversation;

  @Option(names = "--turn-timeout-ms", paramLabel = "MS", defaultValue = "60000",
      description = "A turn still waiting this long after start, or after release, counts as an error. "
          + "Default: ${DEFAULT-VALUE}")
  int turnTimeoutMs;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (commands.audio != null) return commands.run(audioDir);
    validate();
    List<String> history = model.history();
    if (model.llm && audioDir.equals(Path.of("testdata/audio"))) audioDir = ModelTurns.QUESTIONS;
    List<Utterance> utterances = loadUtterances(loadReferences());
    int measured = turns != null ? turns : utterances.size() * clients;

    HttpClient http = HttpClient.newHttpClient();
    HealthProbe probe = new HealthProbe(http, url);
    List<BenchClient> benchClients = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      BenchClient client = new BenchClient(c, http, url, pace == Pace.REALTIME, conversation == ConversationMode.ONE,
          Duration.ofMillis(turnTimeoutMs), history);
      benchClients.add(client);
      try {
        client.connect();
      } catch (Exception e) {
        System.err.printf("hearth bench: cannot reach the server at %s (%s). Start it with `hearth run`, or pass "
            + "--url.%n", url, rootMessage(e));
        benchClients.forEach(BenchClient::close);
        return 2;
      }
    }

    String startedAt = Instant.now().toString();
    long begin = System.nanoTime();
    List<MemoryPoint> memory = Collections.synchronizedList(new ArrayList<>());
    memory.add(probe.sample("before", 0));
    List<TurnResult> results = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger nextTurn = new AtomicInteger();
    runTurns(benchClients, utterances, measured, nextTurn, results, probe, memory);
    memory.add(probe.sample("after", measured));
    benchClients.forEach(BenchClient::close);

    results.sort(Comparator.comparingInt(TurnResult::turn));
    memory.sort(Comparator.comparingInt(MemoryPoint::turnsDone));
    long wallMs = (System.nanoTime() - begin) / 1_000_000;
    Report.Run run = new Report.Run(url.toString(), startedAt, wallMs, clients, measured, warmup * clients,
        pace.name().toLowerCase(Locale.ROOT), conversation.name().toLowerCase(Locale.ROOT), turnTimeoutMs,
        history.size());
    Report report = Report.of(run, results, memory);
    Path file = out != null ? out : defaultOut();
    report.writeJson(file);
    report.printTable(System.out);
    System.out.println("results: " + file);
    return 0;
  }

  /**
   * Runs the {@code warmup} turns of every client, then {@code measured} turns, on all clients at once, in rounds: the
   * warm-up round (so the measured turns meet a server warmed by this many clients at once: its recognizers and its
   * compiled code), then rounds that end at the memory checkpoints: every client finishes its share of a round before
   * the next starts, so the server's memory is sampled while no turn is in flight. Client c runs every clients-th
   * turn and starts at file c, so with the default count each client makes exactly one pass over the files.
   */
  private void runTurns(List<BenchClient> benchClients, List<Utterance> utterances, int measured,
      AtomicInteger nextTurn, List<TurnResult> results, HealthProbe probe, List<MemoryPoint> memory) throws Exception {
    AtomicInteger done = new AtomicInteger();
    int[] nextFile = new int[clients];
    ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, "bench-client"));
    try {
      int[] warm = new int[clients];
      Arrays.fill(warm, warmup);
      List<int[]> rounds = new ArrayList<>(rounds(measured, clients, MEMORY_CHECKPOINTS));
      if (warmup > 0) rounds.add(0, warm);
      for (int[] shares : rounds) {
        boolean warming = shares == warm;
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          int id = c;
          int share = shares[c];
          running.add(pool.submit(() -> {
            for (int k = 0; k < share; k++) {
              Utterance u = utterances.get((id + nextFile[id]++) % utterances.size());
              TurnResult r = benchClients.get(id).run(nextTurn.getAndIncrement(), warming, u);
              results.add(r);
              if (warming) continue;
              int n = done.incrementAndGet();
              if (r.failed()) {
                System.err.printf("turn %d (client %d, %s) failed: errors %s, %s%n", r.turn(), id, r.file(),
                    r.errors(), r.failure() == null ? "no client failure" : r.failure());
              }
              if (n % 10 == 0 || n == measured) System.err.printf("%d/%d turns done%n", n, measured);
            }
          }));
        }
        for (Future<?> f : running) f.get();
        int n = done.get();
        if (!warming && MEMORY_CHECKPOINTS.contains(n)) memory.add(probe.sample("after_turn_" + n, n));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Splits {@code measured} turns into rounds that end at each checkpoint below {@code measured} (and at
   * {@code measured}); each round is one share per client, the first clients taking one turn more when a round
   * does not divide evenly.
   */
  static List<int[]> rounds(int measured, int clients, List<Integer> checkpoints) {
    List<Integer> ends = new ArrayList<>(checkpoints.stream().filter(c -> c > 0 && c < measured).sorted().toList());
    ends.add(measured);
    List<int[]> rounds = new ArrayList<>();
    int start = 0;
    for (int end : ends) {
      int size = end - start;
      int[] shares = new int[clients];
      for (int c = 0; c < clients; c++) shares[c] = size / clients + (c < size % clients ? 1 : 0);
      rounds.add(shares);
      start = end;
    }
    return rounds;
  }

  private void validate() {
    if (clients < 1) throw new ParameterException(spec.commandLine(), "--clients must be at least 1, got " + clients);
    if (turns != null && turns < 1) {
      throw new ParameterException(spec.commandLine(), "--turns must be at least 1, got " + turns);
    }
    if (warmup < 0) throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more, got " + warmup);
    if (model.historyTurns != null && model.historyTurns < 0) {
      throw new ParameterException(spec.commandLine(), "--history-turns must be 0 or more, got " + model.historyTurns);
    }
    if (turnTimeoutMs < 1) throw new ParameterException(spec.commandLine(), "--turn-timeout-ms must be positive");
    String scheme = url.getScheme();
    if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
      throw new ParameterException(spec.commandLine(), "--url must start with ws:// or wss://, got " + url);
    }
  }

  /** Every {@code *.wav} in the audio folder, by name. */
  private List<Utterance> loadUtterances(Map<String, String> references) throws IOException {
    List<Utterance> list = new ArrayList<>();
    try (Stream<Path> files = Files.list(audioDir)) {
      List<Path> wavs = files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".wav")).sorted().toList();
      for (Path p : wavs) {
        String name = p.getFileName().toString();
        list.add(new Utterance(name, references.get(name), Wav.read(p)));
      }
    }
    if (list.isEmpty()) throw new ParameterException(spec.commandLine(), "--audio " + audioDir + " has no .wav files");
    return list;
  }

  /** The references, or none (with a note) when the default transcripts file is absent. */
  private Map<String, String> loadReferences() throws IOException {
    Path inHome = dev.hearth.config.HearthConfig.home().resolve(audioDir);
    if (!audioDir.isAbsolute() && !Files.isDirectory(audioDir) && Files.isDirectory(inHome)) {
      audioDir = inHome; // a relative path that is not here is read from the installation folder
    }
    if (!Files.isDirectory(audioDir)) {
      throw new ParameterException(spec.commandLine(), "--audio " + audioDir + " is not a folder of WAV files");
    }
    Path tsv = transcripts != null ? transcripts : audioDir.resolve("transcripts.tsv");
    if (Files.isRegularFile(tsv)) return Transcripts.read(tsv);
    if (transcripts != null) {
      throw new ParameterException(spec.commandLine(), "--transcripts " + tsv + " does not exist");
    }
    System.err.println("hearth bench: no " + tsv + "; WER will be n/a");
    return Map.of();
  }

  private static Path defaultOut() {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("bench-results", "bench-" + stamp + ".json");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
