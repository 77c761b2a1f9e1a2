package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.bench.HealthProbe.MemoryPoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  private static TurnResult turn(int n, boolean warmup, String transcript, Double finalMs, List<String> errors) {
    return new TurnResult(n, 0, warmup, "ps_cards_001.wav", "ten of clubs", 1095.0, finalMs, 150.0, 140.0 + n, 200.0 + n, 300.0,
        900.0, 48_000, n, 20.0 * n, transcript, errors, null, "c1", Map.of("stt_audio_ms", 1000.0, "stt_busy_ms", 250.0));
  }

  private static Report sample() {
    List<TurnResult> turns = List.of(
        turn(0, true, "wrong words entirely", 999.0, List.of()),
        turn(1, false, "ten of clubs", 100.0, List.of()),
        turn(2, false, "ten of cubs", 120.0, List.of("tts_failed")));
    List<MemoryPoint> memory = new ArrayList<>();
    memory.add(new MemoryPoint("before", 0, 42L, 100L * 1024 * 1024, 10L));
    memory.add(new MemoryPoint("after_turn_100", 100, 42L, 200L * 1024 * 1024, 10L));
    memory.add(new MemoryPoint("after_turn_200", 200, 42L, 210L * 1024 * 1024, 10L));
    memory.add(new MemoryPoint("after", 200, null, null, null));
    Report.Run run = new Report.Run("ws://127.0.0.1:8080/ws", "2025-01-01T00:00:00Z", 5000, 1, 2, 1, "fast", "new",
        60000, 0);
    return Report.of(run, turns, memory);
  }

  @Test
  void summaryCountsMeasuredTurnsOnly() {
    Report.Summary s = sample().summary();

    assertThat(s.turns()).isEqualTo(2);
    assertThat(s.failedTurns()).isEqualTo(1);
    assertThat(s.errorCodes()).containsExactly(Map.entry("tts_failed", 1));
    assertThat(s.werCounts()).isEqualTo(new WordErrorRate.Counts(1, 0, 0, 6));
    assertThat(s.sttRtf()).isEqualTo(0.25);
    assertThat(s.finalTranscriptMs()).isEqualTo(new Stats(2, 100.0, 120.0, 120.0));
    assertThat(s.firstTokenMs()).isEqualTo(new Stats(2, 141.0, 142.0, 142.0));
    assertThat(s.firstPhraseMs()).isEqualTo(new Stats(2, 201.0, 202.0, 202.0));
    assertThat(s.underruns()).isEqualTo(new Report.Underruns(3, 2, 60.0));
    assertThat(sample().memory().rssGrowth100To200Percent()).isEqualTo(5.0);
  }

  @Test
  void jsonHasSnakeCaseKeysWithUnitsAndEveryTurn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/bench.json");

    sample().writeJson(file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.fieldNames()).toIterable().containsExactly("run", "summary", "files", "memory", "turns");
    assertThat(json.path("summary").path("final_transcript_ms").path("p95").asDouble()).isEqualTo(120.0);
    assertThat(json.path("summary").path("server_timings_ms").has("stt_busy_ms")).isTrue();
    assertThat(json.path("summary").path("first_token_ms").path("p50").asDouble()).isEqualTo(141.0);
    assertThat(json.path("summary").path("first_phrase_ms").path("p50").asDouble()).isEqualTo(201.0);
    assertThat(json.path("summary").path("underruns").path("total_ms").asDouble()).isEqualTo(60.0);
    assertThat(json.path("memory").path("rss_growth_100_to_200_percent").asDouble()).isEqualTo(5.0);
    assertThat(json.path("turns")).hasSize(3);
    assertThat(json.path("turns").get(1).path("final_transcript_ms").asDouble()).isEqualTo(100.0);
    assertThat(json.path("turns").get(1).path("audio_bytes_received").asLong()).isEqualTo(48_000);
    assertThat(json.path("turns").get(0).has("failed")).isFalse();
  }

  @Test
  void tableShowsFileRowsAndNotAvailableMemory() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    sample().printTable(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String table = bytes.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("ps_cards_001.wav", "16.7%", "final transcript", "after n/a", "+5.0%");
  }

  @Test
  void healthUrlComesFromTheWebSocketUrl() {
    assertThat(HealthProbe.healthUrl(URI.create("ws://pi.local:8080/ws"))).hasToString("http://pi.local:8080/api/health");
    assertThat(HealthProbe.healthUrl(URI.create("wss://[::1]:8443/ws?conversation_id=x")))
        .hasToString("https://[::1]:8443/api/health");
  }
}
