package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.store.EventType;
import dev.hearth.store.NewEvent;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /api/conversations routes on a real Javalin, over HTTP. */
class ConversationRoutesTest {
  static final long NOW = Instant.parse("2025-01-01T12:00:00Z").toEpochMilli();
  static final ObjectMapper JSON = new ObjectMapper();

  StoreThread store;
  Javalin app;
  final HttpClient http = HttpClient.newHttpClient();

  record Answer(int status, JsonNode body, String contentType) {}

  @BeforeEach
  void start() {
    store = new StoreThread(SqliteStore.inMemory());
    Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    app = Javalin.create(cfg -> ConversationRoutes.register(cfg.routes, store.history(), clock)).start(0);
  }

  @AfterEach
  void stop() {
    app.stop();
    store.close();
  }

  @Test
  void postCreatesAConversation() throws Exception {
    Answer a = send("POST", "/api/conversations", "{\"title\": \"Kitchen\"}");

    assertThat(a.status()).isEqualTo(201);
    assertThat(a.contentType()).startsWith("application/json");
    assertThat(a.body().get("id").asText()).matches("[0-9a-f-]{36}");
    assertThat(a.body().get("title").asText()).isEqualTo("Kitchen");
    assertThat(a.body().get("created_at").asLong()).isEqualTo(NOW);
    assertThat(a.body().get("updated_at").asLong()).isEqualTo(NOW);
    assertThat(a.body().get("event_count").asInt()).isZero();
  }

  @Test
  void postWithoutABodyCreatesAnUntitledConversation() throws Exception {
    Answer a = send("POST", "/api/conversations", "");

    assertThat(a.status()).isEqualTo(201);
    assertThat(a.body().get("title").isNull()).isTrue();
  }

  @Test
  void listPagesNewestFirst() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = "c" + i;
      long at = NOW + i;
      store.history().submit(s -> s.createConversation(id, null, at)).join();
      ids.add(id);
    }

    Answer first = send("GET", "/api/conversations?limit=2", null);
    Answer last = send("GET", "/api/conversations?offset=4&limit=2", null);
    Answer defaults = send("GET", "/api/conversations", null);

    assertThat(first.status()).isEqualTo(200);
    assertThat(ids(first.body())).containsExactly("c4", "c3");
    assertThat(first.body().get("total").asInt()).isEqualTo(5);
    assertThat(first.body().get("offset").asInt()).isZero();
    assertThat(first.body().get("limit").asInt()).isEqualTo(2);
    assertThat(ids(last.body())).containsExactly("c0");
    assertThat(defaults.body().get("limit").asInt()).isEqualTo(20);
    assertThat(ids(defaults.body())).hasSize(5);
    assertThat(defaults.body().get("conversations").get(0).fieldNames()).toIterable()
        .containsExactlyInAnyOrder("id", "title", "created_at", "updated_at", "event_count");
  }

  @Test
  void badPagingParametersAreBadRequests() throws Exception {
    for (String query : List.of("limit=0", "limit=101", "limit=ten", "offset=-1", "offset=")) {
      Answer a = send("GET", "/api/conversations?" + query, null);
      assertThat(a.status()).as(query).isEqualTo(400);
      assertThat(a.body().at("/error/code").asText()).as(query).isEqualTo("bad_request");
      assertThat(a.body().at("/error/message").asText()).as(query).isNotBlank();
    }
  }

  @Test
  void getReturnsTheConversationWithItsEvents() throws Exception {
    store.history().submit(s -> s.append(new NewEvent("c", "t1", EventType.USER_TEXT, "hello", null, null, NOW))).join();
    store.history().submit(s -> s.append(new NewEvent("c", "t1", EventType.ASSISTANT_REPLY, "Hi!", "skill",
        "{\"timings\":{\"total_ms\":420,\"stt_final_ms\":null}}", NOW + 5))).join();

    Answer a = send("GET", "/api/conversations/c", null);

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().get("title").asText()).isEqualTo("hello");
    assertThat(a.body().get("event_count").asInt()).isEqualTo(2);
    JsonNode reply = a.body().get("events").get(1);
    assertThat(reply.get("seq").asLong()).isEqualTo(2);
    assertThat(reply.get("turn_id").asText()).isEqualTo("t1");
    assertThat(reply.get("type").asText()).isEqualTo("assistant_reply");
    assertThat(reply.get("text").asText()).isEqualTo("Hi!");
    assertThat(reply.get("source").asText()).isEqualTo("skill");
    assertThat(reply.get("created_at").asLong()).isEqualTo(NOW + 5);
    assertThat(reply.get("data").isObject()).as("data is embedded JSON, not a string").isTrue();
    assertThat(reply.at("/data/timings/total_ms").asInt()).isEqualTo(420);
    assertThat(a.body().get("events").get(0).get("data").isNull()).isTrue();
  }

  @Test
  void patchRenames() throws Exception {
    store.history().submit(s -> s.createConversation("c", null, NOW - 1000)).join();

    Answer a = send("PATCH", "/api/conversations/c", "{\"title\": \"  Groceries \"}");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().get("title").asText()).isEqualTo("Groceries");
    assertThat(a.body().get("updated_at").asLong()).isEqualTo(NOW);
  }

  @Test
  void patchRejectsAMissingEmptyOrTooLongTitle() throws Exception {
    store.history().submit(s -> s.createConversation("c", null, NOW)).join();
    for (String body : List.of("{}", "{\"title\": \"\"}", "{\"title\": \"   \"}", "{\"title\": 5}",
        "{\"title\": null}", "{\"title\": \"" + "x".repeat(201) + "\"}")) {
      Answer a = send("PATCH", "/api/conversations/c", body);
      assertThat(a.status()).as(body).isEqualTo(400);
      assertThat(a.body().at("/error/code").asText()).as(body).isEqualTo("bad_request");
    }
    assertThat(send("PATCH", "/api/conversations/c", "{\"title\": \"" + "x".repeat(200) + "\"}").status())
        .isEqualTo(200);
    assertThat(send("POST", "/api/conversations", "{\"title\": \"\"}").status()).isEqualTo(400);
  }

  @Test
  void deleteRemovesTheConversation() throws Exception {
    store.history().submit(s -> s.append(new NewEvent("c", null, EventType.USER_TEXT, "hi", null, null, NOW))).join();

    Answer deleted = send("DELETE", "/api/conversations/c", null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(send("GET", "/api/conversations/c", null).status()).isEqualTo(404);
    assertThat(store.history().submit(s -> s.events("c")).join()).isEmpty();
  }

  @Test
  void unknownIdsAreNotFound() throws Exception {
    List<Answer> answers = List.of(
        send("GET", "/api/conversations/nope", null),
        send("PATCH", "/api/conversations/nope", "{\"title\": \"x\"}"),
        send("DELETE", "/api/conversations/nope", null));

    for (Answer a : answers) {
      assertThat(a.status()).isEqualTo(404);
      assertThat(a.body().at("/error/code").asText()).isEqualTo("not_found");
      assertThat(a.body().at("/error/message").asText()).contains("nope");
    }
  }

  @Test
  void badJsonIsRejected() throws Exception {
    store.history().submit(s -> s.createConversation("c", null, NOW)).join();
    List<Answer> answers = List.of(
        send("POST", "/api/conversations", "{\"title\": "),
        send("POST", "/api/conversations", "[\"title\"]"),
        send("PATCH", "/api/conversations/c", "not json"),
        send("PATCH", "/api/conversations/c", ""));

    for (Answer a : answers) {
      assertThat(a.status()).isEqualTo(400);
      assertThat(a.body().at("/error/code").asText()).isEqualTo("bad_json");
    }
    assertThat(send("GET", "/api/conversations", null).body().get("total").asInt()).isEqualTo(1);
  }

  private Answer send(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
        .method(method, publisher).header("Content-Type", "application/json").build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
    return new Answer(response.statusCode(), json, response.headers().firstValue("Content-Type").orElse(""));
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("conversations").forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }
}
