package dev.hearth.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hearth.bench.HealthProbe.MemoryPoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The results of a run: written as a JSON file (record components become snake_case keys, units in the names)
 * and printed as a table. Summaries cover measured turns only, never warmup turns; latency statistics skip turns
 * where the step did not happen, and WER counts turns that have a reference and a final transcript.
 */
record Report(Run run, Summary summary, List<FileRow> files, Memory memory, List<TurnResult> turns) {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** How the run was made. */
  record Run(String url, String startedAt, long wallMs, int clients, int turns, int warmupTurns, String pace,
      String conversation, int turnTimeoutMs, int historyTurns) {}

  record Summary(int turns, int failedTurns, Map<String, Integer> errorCodes, Double wer,
      WordErrorRate.Counts werCounts, Double sttRtf, double sttAudioMs, double sttBusyMs, long audioBytesReceived,
      Stats finalTranscriptMs, Stats firstReplyMs, Stats firstTokenMs, Stats firstPhraseMs, Stats firstAudioMs,
      Stats turnDoneMs,
      Underruns underruns, Map<String, Stats> serverTimingsMs) {}

  /** Gaps in the answers' audio, played as the page plays it ({@link PlaybackClock}). */
  record Underruns(int count, int turns, double totalMs) {}

  record FileRow(String file, int turns, int failedTurns, Double wer, Double finalTranscriptMsP50,
      Double firstReplyMsP50, Double firstAudioMsP50) {}

  record Memory(List<MemoryPoint> points,
      @JsonProperty("rss_growth_100_to_200_percent") Double rssGrowth100To200Percent) {}

  /** Summarizes {@code turns} (warmup turns are kept in the raw list but not counted). */
  static Report of(Run run, List<TurnResult> turns, List<MemoryPoint> memory) {
    List<TurnResult> measured = turns.stream().filter(t -> !t.warmup()).toList();
    Map<String, List<TurnResult>> byFile = measured.stream()
        .collect(Collectors.groupingBy(TurnResult::file, TreeMap::new, Collectors.toList()));
    List<FileRow> files = new ArrayList<>();
    byFile.forEach((file, ts) -> files.add(new FileRow(file, ts.size(), failed(ts), wer(ts).rate(),
        Stats.of(values(ts, TurnResult::finalTranscriptMs)).p50(), Stats.of(values(ts, TurnResult::firstReplyMs)).p50(),
        Stats.of(values(ts, TurnResult::firstAudioMs)).p50())));
    return new Report(run, summary(measured), files, memory(memory), turns);
  }

  private static Summary summary(List<TurnResult> ts) {
    Map<String, Integer> codes = new TreeMap<>();
    ts.forEach(t -> {
      t.errors().forEach(c -> codes.merge(c, 1, Integer::sum));
      if (t.failure() != null) codes.merge(t.failure().startsWith("timeout") ? "client_timeout" : "client_socket", 1,
          Integer::sum);
    });
    double audio = 0;
    double busy = 0;
    for (TurnResult t : ts) {
      Double a = t.serverTiming("stt_audio_ms");
      Double b = t.serverTiming("stt_busy_ms");
      if (a != null && b != null) {
        audio += a;
        busy += b;
      }
    }
    Map<String, Stats> server = new LinkedHashMap<>();
    ts.stream().filter(t -> t.serverTimings() != null).flatMap(t -> t.serverTimings().keySet().stream()).distinct()
        .forEach(k -> server.put(k, Stats.of(values(ts, t -> t.serverTiming(k)))));
    WordErrorRate.Counts wer = wer(ts);
    return new Summary(ts.size(), failed(ts), codes, wer.rate(), wer, audio > 0 ? busy / audio : null, audio, busy,
        ts.stream().mapToLong(TurnResult::audioBytesReceived).sum(),
        Stats.of(values(ts, TurnResult::finalTranscriptMs)), Stats.of(values(ts, TurnResult::firstReplyMs)),
        Stats.of(values(ts, TurnResult::firstTokenMs)), Stats.of(values(ts, TurnResult::firstPhraseMs)),
        Stats.of(values(ts, TurnResult::firstAudioMs)),
        Stats.of(values(ts, TurnResult::turnDoneMs)),
        new Underruns(ts.stream().mapToInt(TurnResult::underruns).sum(),
            (int) ts.stream().filter(t -> t.underruns() > 0).count(),
            Math.round(ts.stream().mapToDouble(TurnResult::underrunMs).sum() * 1000) / 1000.0),
        server);
  }

  private static Memory memory(List<MemoryPoint> points) {
    Long at100 = rssAfter(points, 100);
    Long at200 = rssAfter(points, 200);
    Double growth = at100 != null && at200 != null && at100 > 0 ? (at200 - at100) * 100.0 / at100 : null;
    return new Memory(points, growth);
  }

  private static Long rssAfter(List<MemoryPoint> points, int turns) {
    return points.stream().filter(p -> p.label().equals("after_turn_" + turns)).map(MemoryPoint::rssBytes)
        .findFirst().orElse(null);
  }

  private static int failed(List<TurnResult> ts) {
    return (int) ts.stream().filter(TurnResult::failed).count();
  }

  private static WordErrorRate.Counts wer(List<TurnResult> ts) {
    return ts.stream()
        .filter(t -> t.reference() != null && t.transcript() != null)
        .map(t -> WordErrorRate.count(t.reference(), t.transcript()))
        .reduce(WordErrorRate.Counts.ZERO, WordErrorRate.Counts::plus);
  }

  private static List<Double> values(List<TurnResult> ts, Function<TurnResult, Double> field) {
    List<Double> out = new ArrayList<>();
    ts.forEach(t -> out.add(field.apply(t)));
    return out; // nulls included; Stats skips them
  }

  /** Writes the whole report, every turn included, as JSON, creating parent folders. */
  void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    JSON.writeValue(file.toFile(), this);
  }

  /** Prints the per-file and aggregate tables. */
  void printTable(PrintStream out) {
    out.printf("%nhearth bench: %s, %d client(s), %s pace, %d measured turn(s) + %d warmup, %.1f s%n%n",
        run.url(), run.clients(), run.pace(), summary.turns(), run.warmupTurns(), run.wallMs() / 1000.0);
    out.printf("%-32s %6s %6s %7s %12s %12s %12s%n", "file", "turns", "errors", "WER",
        "final p50", "reply p50", "audio p50");
    for (FileRow f : files) {
      out.printf("%-32s %6d %6d %7s %12s %12s %12s%n", f.file(), f.turns(), f.failedTurns(), percent(f.wer()),
          ms(f.finalTranscriptMsP50()), ms(f.firstReplyMsP50()), ms(f.firstAudioMsP50()));
    }
    out.printf("%n%-32s %6s %10s %10s %10s%n", "release → (client side)", "n", "p50", "p95", "max");
    row(out, "final transcript", summary.finalTranscriptMs());
    row(out, "first reply", summary.firstReplyMs());
    if (summary.firstTokenMs().count() > 0) row(out, "first token (streamed reply)", summary.firstTokenMs());
    if (summary.firstPhraseMs().count() > 0) row(out, "first phrase complete", summary.firstPhraseMs());
    row(out, "first audio", summary.firstAudioMs());
    row(out, "turn_done", summary.turnDoneMs());
    if (!summary.serverTimingsMs().isEmpty()) {
      out.printf("%n%-32s %6s %10s %10s %10s%n", "server timings", "n", "p50", "p95", "max");
      summary.serverTimingsMs().forEach((k, s) -> row(out, k, s));
    }
    out.printf("%nturns %d, failed %d %s, WER %s (%d/%d words), STT RTF %s, audio received %d bytes%n",
        summary.turns(), summary.failedTurns(), summary.errorCodes().isEmpty() ? "" : summary.errorCodes(),
        percent(summary.wer()), summary.werCounts().errors(), summary.werCounts().referenceWords(),
        summary.sttRtf() == null ? "n/a" : String.format("%.3f", summary.sttRtf()), summary.audioBytesReceived());
    Underruns u = summary.underruns();
    out.printf("audio underruns (played as the page plays it): %d in %d turn(s), %.0f ms of gaps%n", u.count(),
        u.turns(), u.totalMs());
    out.print("server RSS:");
    for (MemoryPoint p : memory.points()) out.printf(" %s %s;", p.label(), mib(p.rssBytes()));
    Double growth = memory.rssGrowth100To200Percent();
    out.printf(" growth turn 100 → 200: %s%n", growth == null ? "n/a" : String.format("%+.1f%%", growth));
  }

  private static void row(PrintStream out, String name, Stats s) {
    out.printf("%-32s %6d %10s %10s %10s%n", name, s.count(), ms(s.p50()), ms(s.p95()), ms(s.max()));
  }

  private static String ms(Double v) {
    return v == null ? "n/a" : String.format("%.0f ms", v);
  }

  private static String percent(Double v) {
    return v == null ? "n/a" : String.format("%.1f%%", v * 100);
  }

  private static String mib(Long bytes) {
    return bytes == null ? "n/a" : String.format("%.1f MiB", bytes / (1024.0 * 1024));
  }
}
