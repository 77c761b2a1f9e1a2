package dev.hearth.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lists on the page in a real headless Chromium against a real server: a typed turn adds items, the page shows
 * them, edits, ticks, adds and removes them, and a change made elsewhere shows up on its own ({@code list_changed}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListsPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Chromium chromium;
  private Hearth server;

  @BeforeAll
  void launch(@TempDir Path dir) throws Exception {
    Chromium.requireChromium();
    FakeMicrophone microphone = FakeMicrophone.of(TestData.home().resolve("testdata/skills/what_time.wav"),
        dir.resolve("mic.wav"));
    chromium = Chromium.launch(microphone.file, true);
    server = TestServers.start(dir.resolve("data"), Map.of());
  }

  @AfterAll
  void quit() {
    if (server != null) server.close();
    if (chromium != null) chromium.close();
  }

  @Test
  void aTypedTurnFillsTheListAndThePageEditsTicksAddsAndRemovesItems() throws Exception {
    try (HearthPage p = new HearthPage(chromium.browser, 1280, 800).open(PageTest.url(server))) {
      p.awaitIdle();
      p.awaitTrue("!document.getElementById('list-shopping-empty').hidden");

      p.type("add milk and eggs to the shopping list");
      p.awaitTrue("document.querySelectorAll('#list-shopping li').length === 2");
      assertThat(p.text(".bubble.assistant p")).isEqualTo("Added milk and eggs to your shopping list.");
      assertThat(texts(p, "shopping")).containsExactly("milk", "eggs");
      p.awaitIdle();

      // edit the first item's words on the page: Enter saves them
      p.page.locator("#list-shopping li .item-text").first().fill("oat milk");
      p.page.locator("#list-shopping li .item-text").first().press("Enter");
      awaitApi(lists -> lists.get("shopping").get(0).get("text").asText().equals("oat milk"));
      // tick the second
      p.page.locator("#list-shopping li input[type=checkbox]").nth(1).check();
      awaitApi(lists -> lists.get("shopping").get(1).get("done").asBoolean());
      p.awaitTrue("document.querySelectorAll('#list-shopping li.done').length === 1");

      // add to the to-do list with its form, then remove it with its button
      p.page.locator("#add-todo-text").fill("call the plumber");
      p.page.locator("#add-todo button").click();
      p.awaitTrue("document.querySelectorAll('#list-todo li').length === 1");
      assertThat(p.page.locator("#add-todo-text").inputValue()).isEmpty();
      awaitApi(lists -> lists.get("todo").size() == 1);
      p.screenshot("lists-desktop");
      p.page.locator("#list-todo li button.delete").click();
      awaitApi(lists -> lists.get("todo").isEmpty());
      p.awaitTrue("document.querySelectorAll('#list-todo li').length === 0");

      // a change from elsewhere (another page, the API) shows up without a reload
      assertThat(post("/api/lists/shopping/items", "{\"text\": \"bread\"}").statusCode()).isEqualTo(201);
      p.awaitTrue("document.querySelectorAll('#list-shopping li').length === 3");
      assertThat(texts(p, "shopping")).containsExactly("oat milk", "eggs", "bread");
    }

    JsonNode lists = lists();
    assertThat(lists.get("shopping").findValuesAsText("text")).containsExactly("oat milk", "eggs", "bread");
    assertThat(lists.get("shopping").findValuesAsText("done")).containsExactly("false", "true", "false");
    assertThat(lists.get("todo")).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<String> texts(HearthPage p, String list) {
    return (List<String>) p.eval("Array.from(document.querySelectorAll('#list-" + list
        + " .item-text'), (input) => input.value)");
  }

  /** Polls the API until {@code test} holds of {@code GET /api/lists}; fails after about 20 s. */
  private void awaitApi(java.util.function.Predicate<JsonNode> test) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (test.test(lists())) return;
      Thread.sleep(100);
    }
    throw new AssertionError("the lists never got there: " + lists());
  }

  private JsonNode lists() throws Exception {
    return JSON.readTree(TestServers.get(server.port(), "/api/lists").body());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
