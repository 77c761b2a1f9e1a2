package dev.hearth.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import dev.hearth.openai.FakeOpenAi;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's online parts in a real headless Chromium against a real server and the fake OpenAI: the live-mode
 * control follows {@code /api/status}; entering live mode sends the browser's own SDP offer through the server's
 * relay and applies the answer; the call's transcripts are captioned and stored in order; leaving hangs up. Real
 * WebRTC with OpenAI cannot run here (docs/live-mode.md has the manual check), so the data channel's events are
 * handed to the page's live call as the channel would. And a hanging OpenAI never leaves the page thinking past
 * the deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePageTest {
  private static final ObjectMapper json = new ObjectMapper();
  private Chromium chromium;
  private FakeOpenAi fake;
  /** A server with the fake's key and nothing else of its own, for the tests that need no other settings. */
  private Hearth online;
  /** The running test's server: the online one, or one the test started for itself. */
  private Hearth server;

  @BeforeAll
  void launch(@TempDir Path dir) throws Exception {
    Chromium.requireChromium();
    FakeMicrophone microphone = FakeMicrophone.of(TestData.home().resolve("testdata/skills/what_time.wav"), dir.resolve("mic.wav"));
    chromium = Chromium.launch(microphone.file, true);
    fake = FakeOpenAi.start();
    online = start(dir.resolve("online"));
  }

  @AfterAll
  void quit() {
    if (online != null) online.close();
    if (chromium != null) chromium.close();
    if (fake != null) fake.close();
  }

  @AfterEach
  void stopServer() {
    if (server != null && server != online) server.close();
    server = null;
    fake.normal();
  }

  private Hearth start(Path data, String... more) {
    Map<String, String> settings = new HashMap<>(Map.of("openai.api_key", FakeOpenAi.KEY, "openai.base_url", fake.baseUrl(),
        "openai.probe_interval_seconds", "0"));
    settings.putAll(TestServers.TEXT_ONLY); // typed turns and live mode, whose audio goes to OpenAI
    for (int i = 0; i < more.length; i += 2) settings.put(more[i], more[i + 1]);
    return TestServers.start(data, settings);
  }

  private HearthPage open() {
    HearthPage p = new HearthPage(chromium.browser, 1280, 800).open(PageTest.url(server));
    p.awaitIdle();
    return p;
  }

  private boolean liveControlShown(HearthPage p) {
    p.awaitTrue("window.hearth.stats.statusReads > 0"); // /api/status is read once the socket is open
    return p.page.locator("#live").isVisible();
  }

  @Test
  void theLiveModeControlAppearsOnlyWhenTheServerSaysLiveModeIsAvailable(@TempDir Path data) {
    server = TestServers.start(data.resolve("offline"), TestServers.TEXT_ONLY);
    try (HearthPage p = open()) {
      assertThat(liveControlShown(p)).as("without an OpenAI key").isFalse();
    }
    server.close();
    server = start(data.resolve("flag-off"), "openai.live", "false");
    try (HearthPage p = open()) {
      assertThat(liveControlShown(p)).as("with openai.live=false").isFalse();
    }
    server.close();
    server = online;
    try (HearthPage p = open()) {
      p.awaitTrue("!document.getElementById('live').hidden");
      assertThat(p.page.locator("#live").isVisible()).isTrue();
      assertThat(p.page.locator("#live").textContent()).isEqualTo("Enter live mode");
    }
  }

  @Test
  void liveModeRelaysTheBrowsersOfferAndStoresTheCallsTranscriptsInOrder() throws Exception {
    server = online;
    try (HearthPage p = open()) {
      p.awaitTrue("!document.getElementById('live').hidden");
      p.page.locator("#live").click();
      p.awaitTrue("document.body.classList.contains('live')");
      p.awaitTrue("document.getElementById('live-state').textContent === 'Live: connecting…'");
      assertThat(p.page.locator("#talk").isVisible()).as("push-to-talk steps aside").isFalse();
      assertThat(p.page.locator("#typed").isVisible()).isFalse();
      assertThat(p.page.locator("#live-exit").isVisible()).isTrue();
      p.screenshot("desktop-live");

      // the browser's own offer went through the relay, with the server's key
      FakeOpenAi.Received call = fake.received("/realtime/calls").get(fake.received("/realtime/calls").size() - 1);
      assertThat(call.header("authorization")).isEqualTo("Bearer " + FakeOpenAi.KEY);
      String type = call.header("content-type");
      String offer = FakeOpenAi.multipart(call.text(), type.substring(type.indexOf("boundary=") + 9)).get("sdp");
      assertThat(offer).startsWith("v=0").contains("m=audio").contains("m=application").contains("a=setup:actpass");
      String pageText = (String) p.eval("document.documentElement.outerHTML + JSON.stringify(window.hearth.live.session)");
      assertThat(pageText).doesNotContain(FakeOpenAi.KEY).doesNotContain("ek_");

      // the data channel's events: the assistant's transcript comes before the user's, as OpenAI may send them
      p.eval("(() => { const live = window.hearth.live;"
          + "live.receive({type: 'input_audio_buffer.committed', item_id: 'item_u1'});"
          + "live.receive({type: 'response.output_audio_transcript.delta', item_id: 'item_a1', delta: 'It is '});"
          + "live.receive({type: 'response.output_audio_transcript.delta', item_id: 'item_a1', delta: 'sunny.'});"
          + "live.receive({type: 'response.output_audio_transcript.done', item_id: 'item_a1', transcript: 'It is sunny.'});"
          + "live.receive({type: 'conversation.item.input_audio_transcription.delta', item_id: 'item_u1', delta: 'what is'});"
          + "live.receive({type: 'conversation.item.input_audio_transcription.completed', item_id: 'item_u1',"
          + "  transcript: 'what is the weather like'}); })()");
      p.awaitTrue("document.querySelectorAll('.bubble').length === 2");
      assertThat(p.text(".bubble.user p")).isEqualTo("what is the weather like");
      assertThat(p.text(".bubble.assistant p")).isEqualTo("It is sunny.");
      p.awaitTrue("window.hearth.live.forwarded.length === 2");

      String conversation = (String) p.eval("window.hearth.conversationId");
      p.page.locator("#live-exit").click();
      p.awaitIdle();
      assertThat(p.page.locator("#talk").isVisible()).isTrue();
      p.awaitTrue("!document.getElementById('live').hidden"); // offered again once /api/status is read
      long deadline = System.nanoTime() + 10_000_000_000L; // the server hangs up without making the page wait
      while (fake.received().stream().noneMatch(r -> r.path().endsWith("/hangup")) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(fake.received().stream().anyMatch(r -> r.path().endsWith("/hangup"))).isTrue();

      JsonNode events = json.readTree(TestServers.get(server.port(), "/api/conversations/" + conversation).body()).path("events");
      assertThat(events.findValuesAsText("type")).containsExactly("user_transcript", "assistant_reply");
      assertThat(events.findValuesAsText("text")).containsExactly("what is the weather like", "It is sunny.");
      // the page shows the stored conversation again
      p.awaitTrue("document.querySelectorAll('.bubble').length === 2");
      assertThat(p.text(".bubble.assistant .source")).isEqualTo("live");
    }
  }

  @Test
  void whenOpenAiHangsThePageStopsThinkingWithinTheDeadline(@TempDir Path data) {
    fake.hang();
    server = start(data, "brain.deadline_millis", "3000", "openai.timeout_millis", "2000");
    try (HearthPage p = open()) {
      long start = System.nanoTime();
      p.type("what is the capital of france");
      p.awaitState("thinking");
      p.page.waitForFunction("() => document.body.dataset.state !== 'thinking'", null,
          new com.microsoft.playwright.Page.WaitForFunctionOptions().setTimeout(10_000));
      double thinkingMs = (System.nanoTime() - start) / 1e6;
      assertThat(thinkingMs).isLessThan(3_500);
      p.awaitTrue("document.querySelector('.bubble.assistant p')?.textContent === \"Sorry, I can't answer that offline.\"");
      assertThat(p.text(".bubble.assistant .source")).isEqualTo("fallback");
    }
  }
}
