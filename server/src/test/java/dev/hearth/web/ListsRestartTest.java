package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.protocols.page.ServerMessage.ListChanged;
import dev.hearth.protocols.page.ServerMessage.ReplyFinal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lists on a real server: a spoken (typed) request and the page's API change them, every connected page hears of
 * it, another site's page may not, and they survive a restart.
 */
class ListsRestartTest {
  private static final ObjectMapper json = new ObjectMapper();

  @Test
  void listsChangedByATurnAndByTheApiSurviveARestart(@TempDir Path data) throws Exception {
    Hearth first = TestServers.start(data, Map.of());
    try (WsTestClient talker = WsTestClient.connect(first.port()); WsTestClient watcher = WsTestClient.connect(first.port())) {
      talker.send("{\"type\":\"text\",\"text\":\"add milk and eggs to the shopping list\"}");
      assertThat(talker.await(ReplyFinal.class).text()).isEqualTo("Added milk and eggs to your shopping list.");
      assertThat(watcher.await(ListChanged.class).list()).isEqualTo("shopping");

      assertThat(post(first.port(), "/api/lists/todo/items", "{\"text\":\"pay rent\"}", "http://example.com").statusCode())
          .as("another site's page").isEqualTo(403);
      assertThat(post(first.port(), "/api/lists/todo/items", "{\"text\":\"call mom\"}", null).statusCode()).isEqualTo(201);
      assertThat(watcher.await(ListChanged.class, m -> m.list().equals("todo"), Duration.ofSeconds(10)).list())
          .isEqualTo("todo");
    } finally {
      first.close();
    }

    Hearth second = TestServers.start(data, Map.of());
    try (WsTestClient ws = WsTestClient.connect(second.port())) {
      JsonNode lists = json.readTree(TestServers.get(second.port(), "/api/lists").body());
      assertThat(lists.get("shopping").findValuesAsText("text")).containsExactly("milk", "eggs");
      assertThat(lists.get("todo").findValuesAsText("text")).containsExactly("call mom");

      ws.send("{\"type\":\"text\",\"text\":\"what's on my shopping list\"}");
      assertThat(ws.await(ReplyFinal.class).text()).isEqualTo("On your shopping list: milk and eggs.");
    } finally {
      second.close();
    }
  }

  private static HttpResponse<String> post(int port, String path, String body, String origin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (origin != null) request.header("Origin", origin);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
