package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.lists.ListService;
import dev.hearth.store.ListItem;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The /api/lists routes on a real Javalin, over HTTP, with the store in memory. */
class ListRoutesTest {
  static final long NOW = Instant.parse("2026-11-21T12:00:00Z").toEpochMilli();
  static final ObjectMapper JSON = new ObjectMapper();

  StoreThread store;
  ListService lists;
  Javalin app;
  final List<String> changed = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  record Answer(int status, JsonNode body) {}

  @BeforeEach
  void start() {
    store = new StoreThread(SqliteStore.inMemory());
    lists = new ListService(store.lists(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), changed::add);
    app = Javalin.create(cfg -> {
      ApiError.install(cfg.routes);
      new ListRoutes(lists).register(cfg.routes, null);
    }).start(0);
  }

  @AfterEach
  void stop() {
    app.stop();
    store.close();
  }

  @Test
  void addsReadsEditsTicksAndDeletes() throws Exception {
    Answer added = send("POST", "/api/lists/shopping/items", "{\"text\": \"  oat   milk \"}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().get("text").asText()).isEqualTo("oat milk");
    assertThat(added.body().get("done").asBoolean()).isFalse();
    assertThat(added.body().get("created_at").asLong()).isEqualTo(NOW);
    String id = added.body().get("id").asText();
    assertThat(send("POST", "/api/lists/todo/items", "{\"text\": \"call mom\"}").status()).isEqualTo(201);

    Answer all = send("GET", "/api/lists", null);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.body().get("shopping").findValuesAsText("text")).containsExactly("oat milk");
    assertThat(all.body().get("todo").findValuesAsText("text")).containsExactly("call mom");

    Answer edited = send("PATCH", "/api/lists/shopping/items/" + id, "{\"text\": \"soy milk\", \"done\": true}");
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.body().get("text").asText()).isEqualTo("soy milk");
    assertThat(edited.body().get("done").asBoolean()).isTrue();

    assertThat(send("DELETE", "/api/lists/shopping/items/" + id, null).status()).isEqualTo(204);
    assertThat(lists.items(ListItem.SHOPPING)).isEmpty();
    assertThat(changed).containsExactly("shopping", "todo", "shopping", "shopping");
  }

  @Test
  void addingWhatIsThereAnswersTheItemThatIs() throws Exception {
    String id = send("POST", "/api/lists/shopping/items", "{\"text\": \"eggs\"}").body().get("id").asText();
    Answer again = send("POST", "/api/lists/shopping/items", "{\"text\": \"Egg\"}");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("id").asText()).isEqualTo(id);
    assertThat(lists.items(ListItem.SHOPPING)).hasSize(1);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "POST|/api/lists/groceries/items|{\"text\": \"milk\"}|404|not_found",
      "POST|/api/lists/shopping/items|{\"text\": \"   \"}|400|bad_request",
      "POST|/api/lists/shopping/items|{\"text\": 7}|400|bad_request",
      "POST|/api/lists/shopping/items|{}|400|bad_request",
      "POST|/api/lists/shopping/items|{\"text\": \"milk\"|400|bad_json",
      "POST|/api/lists/shopping/items|[\"milk\"]|400|bad_json",
      "PATCH|/api/lists/shopping/items/ID|{}|400|bad_request",
      "PATCH|/api/lists/shopping/items/ID|{\"done\": \"yes\"}|400|bad_request",
      "PATCH|/api/lists/shopping/items/ID|{\"text\": \"\"}|400|bad_request",
      "PATCH|/api/lists/shopping/items/nope|{\"done\": true}|404|not_found",
      "PATCH|/api/lists/todo/items/ID|{\"done\": true}|404|not_found",
      "PATCH|/api/lists/nope/items/ID|{\"done\": true}|404|not_found",
      "DELETE|/api/lists/shopping/items/nope||404|not_found",
      "DELETE|/api/lists/todo/items/ID||404|not_found"})
  void badInputIsRefusedAndChangesNothing(String method, String path, String body, int status, String code)
      throws Exception {
    String id = send("POST", "/api/lists/shopping/items", "{\"text\": \"milk\"}").body().get("id").asText();
    changed.clear();

    Answer a = send(method, path.replace("ID", id), body);

    assertThat(a.status()).isEqualTo(status);
    assertThat(a.body().path("error").path("code").asText()).isEqualTo(code);
    assertThat(a.body().path("error").path("message").asText()).isNotBlank();
    assertThat(lists.items(ListItem.SHOPPING)).singleElement().satisfies(i -> {
      assertThat(i.text()).isEqualTo("milk");
      assertThat(i.done()).isFalse();
    });
    assertThat(lists.items(ListItem.TODO)).isEmpty();
    assertThat(changed).isEmpty();
  }

  @Test
  void refusesTextOverTwoHundredCharacters() throws Exception {
    assertThat(send("POST", "/api/lists/todo/items", "{\"text\": \"" + "a".repeat(200) + "\"}").status()).isEqualTo(201);
    Answer a = send("POST", "/api/lists/todo/items", "{\"text\": \"" + "b".repeat(201) + "\"}");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().path("error").path("message").asText()).contains("1 to 200 characters, not 201");
    assertThat(lists.items(ListItem.TODO)).hasSize(1);
  }

  private Answer send(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
        .method(method, publisher).header("Content-Type", "application/json").build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
  }
}
