package dev.hearth.bench;

import dev.hearth.config.HearthConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hearth soak}: a long run of household use against a running server on this machine (see {@link Soak});
 * {@code scripts/soak} starts the server and runs it.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Runs N clients for some minutes against a server on this machine, some turns ending in a barge-in, "
        + "a dropped socket or a client that stops reading, with a canary turn each minute; prints the server's RSS, "
        + "live heap, threads and errors at the start, each minute and the end. Exits 1 when a canary turn failed or "
        + "the server log shows an OutOfMemoryError.")
public final class SoakCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "ws://127.0.0.1:8080/ws",
      description = "Server WebSocket. Default: ${DEFAULT-VALUE}")
  URI url;

  @Option(names = "--minutes", paramLabel = "N", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}")
  double minutes;

  @Option(names = "--sample-seconds", paramLabel = "S", defaultValue = "60",
      description = "A canary turn and a reading of the server this often. Default: ${DEFAULT-VALUE}")
  int sampleSeconds;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}")
  int clients;

  @Option(names = "--barge-in-percent", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}")
  int bargeInPercent;

  @Option(names = "--disconnect-percent", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}")
  int disconnectPercent;

  @Option(names = "--non-reader-percent", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}")
  int nonReaderPercent;

  @Option(names = "--audio", paramLabel = "DIR", defaultValue = "testdata/audio",
      description = "WAV files the clients ask. Default: ${DEFAULT-VALUE}")
  Path audioDir;

  @Option(names = "--canary", paramLabel = "FILE.wav", defaultValue = "testdata/skills/what_time.wav",
      description = "The canary question; its folder's transcripts.tsv holds what it must be heard as. "
          + "Default: ${DEFAULT-VALUE}")
  Path canaryFile;

  @Option(names = "--server-log", paramLabel = "FILE", description = "Searched for OutOfMemoryError at the end")
  Path serverLog;

  @Option(names = "--seed", defaultValue = "15", description = "Default: ${DEFAULT-VALUE}")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || minutes <= 0 || sampleSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--clients, --minutes and --sample-seconds must be positive");
    }
    if (bargeInPercent < 0 || disconnectPercent < 0 || nonReaderPercent < 0
        || bargeInPercent + disconnectPercent + nonReaderPercent > 100) {
      throw new ParameterException(spec.commandLine(), "the percentages must be 0 or more and add up to at most 100");
    }
    Utterance canary = canary(canaryFile);
    Soak soak = new Soak(url, clients, new Soak.Mix(bargeInPercent, disconnectPercent, nonReaderPercent),
        wavs(installed(audioDir)), canary, seed, System.out);
    System.out.printf("soak: %d clients for %s min against %s (%d%% barge-ins, %d%% disconnects, %d%% non-readers)%n",
        clients, minutes, url, bargeInPercent, disconnectPercent, nonReaderPercent);
    Soak.Outcome outcome = soak.run(Duration.ofMillis(Math.round(minutes * 60_000)), Duration.ofSeconds(sampleSeconds),
        serverLog);
    System.out.printf("soak: %d turns (%s), %d errors, %d of %d canary turns failed%s%n",
        outcome.turnsByEnding().values().stream().mapToLong(Long::longValue).sum(),
        outcome.turnsByEnding().toString().toLowerCase(Locale.ROOT), outcome.errors(), outcome.canaryFailures(),
        outcome.canaries(), outcome.outOfMemory() ? ", OutOfMemoryError in the server log" : "");
    Soak.Sample first = outcome.samples().get(0);
    Soak.Sample last = outcome.samples().get(outcome.samples().size() - 1);
    System.out.printf("soak: start → end: RSS %s → %s, live heap %s → %s, threads %s → %s%n", Soak.mb(first.rssBytes()),
        Soak.mb(last.rssBytes()), Soak.mb(first.liveHeapBytes()), Soak.mb(last.liveHeapBytes()), first.threads(),
        last.threads());
    Soak.rssTrend(outcome.samples()).ifPresent(trend -> System.out.println("soak: " + trend));
    return outcome.passed() ? 0 : 1;
  }

  /** The canary question: a WAV file whose folder's transcripts.tsv has its reference. */
  static Utterance canary(Path file) throws IOException {
    Path wav = installed(file);
    return Soak.utterance(wav, Transcripts.read(wav.resolveSibling("transcripts.tsv")));
  }

  /** A relative path that is not here is read from the installation folder. */
  private static Path installed(Path p) {
    Path inHome = HearthConfig.home().resolve(p);
    return !p.isAbsolute() && !Files.exists(p) && Files.exists(inHome) ? inHome : p;
  }

  static List<Utterance> wavs(Path dir) throws IOException {
    Path tsv = dir.resolve("transcripts.tsv");
    Map<String, String> references = Files.isRegularFile(tsv) ? Transcripts.read(tsv) : Map.of();
    List<Utterance> list = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
        list.add(Soak.utterance(p, references));
      }
    }
    if (list.isEmpty()) throw new IOException(dir + " has no .wav files");
    return list;
  }
}
