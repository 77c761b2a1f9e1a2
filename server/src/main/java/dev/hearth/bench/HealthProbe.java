package dev.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the server's process memory from {@code GET /api/health} ({@code process: {pid, rss_bytes,
 * heap_used_bytes}}). Servers without that block, or that do not answer, give a point whose numbers are null.
 */
final class HealthProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Server memory at one moment of the run; numbers are null when the server did not report them. */
  record MemoryPoint(String label, int turnsDone, Long pid, Long rssBytes, Long heapUsedBytes) {}

  private final HttpClient http;
  private final URI healthUrl;

  HealthProbe(HttpClient http, URI wsUrl) {
    this.http = http;
    this.healthUrl = healthUrl(wsUrl);
  }

  /** {@code ws://host:port/anything} → {@code http://host:port/api/health} (wss → https). */
  static URI healthUrl(URI wsUrl) {
    String scheme = "wss".equalsIgnoreCase(wsUrl.getScheme()) ? "https" : "http";
    return URI.create(scheme + "://" + wsUrl.getRawAuthority() + "/api/health");
  }

  URI url() {
    return healthUrl;
  }

  /** Asks the server now; never throws. */
  MemoryPoint sample(String label, int turnsDone) {
    try {
      HttpRequest request = HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(5)).GET().build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode process = JSON.readTree(response.body()).path("process");
      return new MemoryPoint(label, turnsDone, number(process, "pid"), number(process, "rss_bytes"),
          number(process, "heap_used_bytes"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // unreachable or not JSON: report n/a, the run itself decides whether the server is reachable
    }
    return new MemoryPoint(label, turnsDone, null, null, null);
  }

  private static Long number(JsonNode node, String field) {
    JsonNode n = node.path(field);
    return n.isNumber() ? n.asLong() : null;
  }
}
