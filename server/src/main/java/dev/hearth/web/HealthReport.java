package dev.hearth.web;

import dev.hearth.health.ProcessStats;
import dev.hearth.health.Watchdog;
import dev.hearth.stt.SpeechToText;
import dev.hearth.tts.TextToSpeech;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * The body of {@code GET /api/health} for a started server: {@code ready} or {@code degraded} after a recent watchdog
 * turn (with the problem), the version, the models, TLS, uptime, open sessions and the process's memory.
 *
 * @param httpsPort the bound HTTPS port, empty when HTTPS is off
 * @param sessions how many voice sessions are open now
 * @param startedAtMillis when the server finished starting, on {@code clock}
 */
public record HealthReport(String version, Watchdog watchdog, Models models, OptionalInt httpsPort, IntSupplier sessions,
    Clock clock, long startedAtMillis) {

  /**
   * The models the server runs.
   *
   * @param sttModelDir the speech model's folder ({@code stt.model_dir})
   * @param llm the local language model's name, when one is loaded
   */
  public record Models(SpeechToText stt, Path sttModelDir, TextToSpeech tts, Optional<String> llm) {}

  /** The report after a watchdog turn that has just passed or failed (a recent one is reused), without blocking. */
  public CompletableFuture<Map<String, Object>> check() {
    return watchdog.check().thenApply(this::toJson);
  }

  Map<String, Object> toJson(Watchdog.Verdict verdict) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("status", verdict.healthy() ? "ready" : "degraded");
    verdict.problem().ifPresent(p -> report.put("problem", Map.of("part", p.part(), "reason", p.reason())));
    report.put("version", version);
    TextToSpeech tts = models.tts();
    report.put("models", Map.of(
        "stt", Map.of("engine", "vosk 0.3.45", "name", models.stt().modelName(), "path", models.sttModelDir().toString()),
        "tts", Map.of("engine", tts.engine(), "voice", tts.defaultVoice(), "sample_rate", tts.outputFormat().rateHz()),
        "llm", models.llm().isEmpty() ? Map.of() : Map.of("name", models.llm().get())));
    Map<String, Object> https = new LinkedHashMap<>();
    https.put("enabled", httpsPort.isPresent());
    if (httpsPort.isPresent()) https.put("https_port", httpsPort.getAsInt());
    report.put("tls", https);
    report.put("uptime_ms", clock.millis() - startedAtMillis);
    report.put("sessions", sessions.getAsInt());
    report.put("process", ProcessStats.snapshot());
    return report;
  }
}
