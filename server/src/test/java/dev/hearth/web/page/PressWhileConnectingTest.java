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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a press while the page is still connecting (just after the server started, or while it reconnects after a
 * restart) was lost without a word: the button did nothing, and the page went on to "Ready". The page is served
 * through an {@link UpgradeGate} that decides when its WebSocket opens, on plain HTTP from this machine (a secure
 * context, so the fake microphone works).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PressWhileConnectingTest {
  private Chromium chromium;
  private FakeMicrophone microphone;
  /** One gate and one server behind it for all the tests; each test sets the gate's mode before its page opens. */
  private UpgradeGate gate;
  private Hearth server;

  @BeforeAll
  void launch(@TempDir Path dir) throws Exception {
    Chromium.requireChromium();
    microphone = FakeMicrophone.of(TestData.home().resolve("testdata/skills/what_time.wav"), dir.resolve("mic.wav"));
    chromium = Chromium.launch(microphone.file, true);
    gate = new UpgradeGate(UpgradeGate.Mode.OPEN);
    server = TestServers.start(dir.resolve("data"), Map.of("server.allowed_origins", gate.origin()));
    gate.forwardTo(server.port());
  }

  @AfterAll
  void quit() throws Exception {
    if (gate != null) gate.close();
    if (server != null) server.close();
    if (chromium != null) chromium.close();
  }

  /** The server as a fresh one has it: no conversations. */
  @BeforeEach
  void deleteConversations() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + server.port() + "/api/conversations";
    for (JsonNode listed = conversations(http, base); listed.path("total").asInt() > 0; listed = conversations(http, base)) {
      for (JsonNode c : listed.path("conversations")) {
        HttpRequest delete = HttpRequest.newBuilder(URI.create(base + "/" + c.path("id").asText())).DELETE().build();
        assertThat(http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
      }
    }
  }

  private static JsonNode conversations(HttpClient http, String base) throws Exception {
    HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(base + "?limit=100")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(listed.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(listed.body());
  }

  /** A new tab on the page through the gate, whose upgrades now {@code mode}. */
  private HearthPage pageThroughGate(UpgradeGate.Mode mode) {
    switch (mode) {
      case OPEN -> gate.open();
      case HOLD -> gate.hold();
      case REFUSE -> gate.refuse();
    }
    return new HearthPage(chromium.browser, 1280, 800).open(gate.origin() + "/");
  }

  /** Holds the button around the fake microphone's question; the page's clock decides when. */
  private void askWhatTimeItIs(HearthPage p) {
    double onset = microphone.nextOnset(p.page, 800);
    FakeMicrophone.waitUntil(p.page, onset - 500);
    p.pressTalk();
    p.awaitState("listening");
    FakeMicrophone.waitUntil(p.page, onset + microphone.speechMillis + 600);
    p.releaseTalk();
  }

  private static void awaitWaiting(HearthPage p) {
    p.awaitTrue("document.getElementById('state-text').textContent === 'Waiting for Hearth…'");
  }

  private static void assertAnswered(HearthPage p) {
    p.awaitTrue("window.hearth.stats.turns[0]?.server != null");
    assertThat(p.text(".bubble.user p")).isEqualTo("what time is it");
    assertThat(p.text(".bubble.assistant p")).matches("It's \\d{1,2}:\\d\\d [AP]M\\.");
  }

  /** Issue 15: the press during "Connecting…" on a page opened as the server starts is kept and answered. */
  @Test
  void aPressWhileThePageIsStillConnectingIsSentOnceTheSocketOpens() throws Exception {
    try (HearthPage p = pageThroughGate(UpgradeGate.Mode.HOLD)) {
      microphone.learnPhase(p.page);
      assertThat(p.state()).as("the WebSocket's upgrade is held").isEqualTo("connecting");
      assertThat(p.text("#state-text")).isEqualTo("Connecting…");

      askWhatTimeItIs(p);
      awaitWaiting(p);
      assertThat(p.state()).as("still connecting after the release, waiting with the words").isEqualTo("thinking");
      gate.open();

      assertAnswered(p);
      p.awaitIdle();
    }
  }

  /** Issue 15: when Hearth cannot be reached within the answer's deadline, the person is told it was not heard. */
  @Test
  void aPressThatCannotBeSentInTimeIsReportedAsNotHeard() throws Exception {
    try (HearthPage p = pageThroughGate(UpgradeGate.Mode.REFUSE)) {
      p.awaitState("error");
      p.pressTalk();
      p.awaitState("listening");
      p.releaseTalk();
      awaitWaiting(p);

      p.awaitTrue("document.getElementById('notice-text').textContent.startsWith('Hearth could not be reached')");
      assertThat(p.state()).isEqualTo("error");
      assertThat(p.sent).as("nothing reached a socket").isEmpty();
    }
  }

  /** Issue 15: the press while the page reconnects (the server went away; attempts fail, with backoff) is kept too. */
  @Test
  void aPressWhileThePageReconnectsIsSentOnceTheSocketOpensAgain() throws Exception {
    try (HearthPage p = pageThroughGate(UpgradeGate.Mode.OPEN)) {
      p.awaitIdle();
      microphone.learnPhase(p.page);
      gate.refuse();
      p.awaitState("error");
      assertThat(p.text("#notice-text")).startsWith("Lost the connection to Hearth");

      askWhatTimeItIs(p);
      awaitWaiting(p);
      gate.open();

      assertAnswered(p);
      p.awaitIdle();
      assertThat(p.page.locator("#notice").isHidden()).as("the connection notice is gone").isTrue();
    }
  }
}
