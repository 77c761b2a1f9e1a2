package dev.hearth.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.tts.TextToSpeech;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code GET /api/health}, {@code /api/status} and {@code /api/voices}. Health and status answer 503
 * {@code {"status": "starting"}} while the server is not started; health answers 503 while it is degraded too.
 * Health never blocks a Jetty thread: its watchdog turn runs on the app's pools.
 */
public final class ReportRoutes implements RouteGroup {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The reports of a started server. */
  public record Started(HealthReport health, StatusReport status) {}

  private final TextToSpeech tts;
  private final Supplier<Optional<Started>> started;

  /**
   * @param tts whose voices {@code /api/voices} lists
   * @param started the reports while the server is started, else empty
   */
  public ReportRoutes(TextToSpeech tts, Supplier<Optional<Started>> started) {
    this.tts = tts;
    this.started = started;
  }

  @Override
  public void register(RoutesConfig routes, OriginPolicy origins) {
    routes.get("/api/health", ctx -> ctx.future(() -> health().thenAccept(report -> respond(ctx, report))));
    routes.get("/api/status", ctx -> respond(ctx, started.get().map(s -> s.status().toJson()).orElse(null)));
    routes.get("/api/voices", ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(JSON.writeValueAsBytes(voices())));
  }

  /** The health report, or null while not started. */
  private CompletableFuture<Map<String, Object>> health() {
    return started.get().map(s -> s.health().check()).orElse(CompletableFuture.completedFuture(null));
  }

  private Map<String, Object> voices() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (TextToSpeech.Voice v : tts.voices()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", v.name());
      m.put("locale", v.locale());
      m.put("gender", v.gender());
      m.put("sample_rate", v.sampleRateHz());
      m.put("default", v.name().equals(tts.defaultVoice()));
      list.add(m);
    }
    return Map.of("voices", list);
  }

  /** {@code report}, with 503 when it is null ({@code {"status": "starting"}}) or says {@code degraded}. */
  private static void respond(Context ctx, Map<String, Object> report) {
    Map<String, Object> body = report == null ? Map.of("status", "starting") : report;
    if (report == null || "degraded".equals(report.get("status"))) ctx.status(503);
    try {
      ctx.contentType(ContentType.APPLICATION_JSON).result(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a health or status report that is not JSON: " + e.getMessage(), e);
    }
  }
}
