package dev.hearth.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real headless Chromium against a real server (Vosk, MaryTTS, SQLite), with a WAV file as
 * the microphone. Screenshots of the main states land in {@code server/target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageTest {
  private Chromium chromium;
  private FakeMicrophone microphone;
  /** One server for the tests that need no settings of their own and leave it running; emptied before each test. */
  private Hearth shared;
  /** The running test's server: the shared one, or one the test started for itself. */
  private Hearth server;

  @BeforeAll
  void launch(@TempDir Path dir) throws Exception {
    Chromium.requireChromium();
    microphone = FakeMicrophone.of(TestData.home().resolve("testdata/skills/what_time.wav"), dir.resolve("mic.wav"));
    chromium = Chromium.launch(microphone.file, true, "--host-resolver-rules=MAP hearth.test 127.0.0.1");
    shared = TestServers.start(dir.resolve("shared"), Map.of("tls.extra_names", "hearth.test"));
  }

  @AfterAll
  void quit() {
    if (shared != null) shared.close();
    if (chromium != null) chromium.close();
  }

  /** The shared server as a fresh one has it: no conversations (their timers went off within their tests). */
  @BeforeEach
  void useTheSharedServer() throws Exception {
    server = shared;
    for (JsonNode listed = conversations(); listed.path("total").asInt() > 0; listed = conversations()) {
      for (JsonNode c : listed.path("conversations")) {
        assertThat(api("DELETE", "/api/conversations/" + c.path("id").asText()).statusCode()).isEqualTo(204);
      }
    }
  }

  @AfterEach
  void stopOwnServer() {
    if (server != shared) server.close();
  }

  /** The page over HTTPS with the server's generated certificate, as a phone on the LAN gets it. */
  static String url(Hearth server) {
    return "https://127.0.0.1:" + server.httpsPort() + "/";
  }

  /** Starts a server on {@code ports} (HTTP, HTTPS) with the same data, as a restart does (for typed turns only). */
  private static Hearth startOn(int[] ports, Path data) {
    return TestServers.start(data, TestServers.merged(TestServers.TEXT_ONLY, Map.of("server.port", String.valueOf(ports[0]),
        "tls.port", String.valueOf(ports[1]))));
  }

  /** A desktop-sized tab on the running server's page. */
  private HearthPage desktopPage() {
    return new HearthPage(chromium.browser, 1280, 800).open(url(server));
  }

  private int[] ports() {
    return new int[] {server.port(), server.httpsPort()};
  }

  @Test
  void aVoiceTurnShowsThePartialThenFinalTranscriptAndTheReplyAndPlaysAllTheAudioTheServerSent() {
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.screenshot("desktop-idle");
      microphone.learnPhase(p.page);
      double onset = microphone.nextOnset(p.page, 800);

      FakeMicrophone.waitUntil(p.page, onset - 500);
      p.pressTalk();
      p.awaitState("listening");
      p.awaitTrue("document.querySelector('.bubble.user.partial p')?.textContent.length > 0");
      String partial = p.text(".bubble.user p");
      assertThat(p.number("parseFloat(getComputedStyle(document.getElementById('talk')).getPropertyValue('--level'))"))
          .as("the level meter moves while the question plays").isGreaterThan(0);
      p.screenshot("desktop-listening");
      FakeMicrophone.waitUntil(p.page, onset + microphone.speechMillis + 600);
      p.releaseTalk();

      p.awaitTrue("document.querySelector('.bubble.assistant .source')?.textContent === 'skill'");
      p.awaitState("speaking");
      p.screenshot("desktop-speaking");
      p.awaitIdle();

      String heard = p.text(".bubble.user p");
      assertThat(heard).isEqualTo("what time is it");
      assertThat(partial).isNotBlank();
      assertThat(partial).as("a partial transcript while speaking").startsWith("what");
      assertThat(p.text(".bubble.assistant p")).matches("It's \\d{1,2}:\\d\\d [AP]M\\.");
      assertThat(p.messages).anyMatch(m -> m.contains("\"final\":false"));

      double scheduled = p.number("window.hearth.stats.turns[0].samplesScheduled");
      assertThat(scheduled).as("samples scheduled to play").isGreaterThan(0)
          .isEqualTo(p.audioBytesReceived.get() / 2.0);
      double releaseToVoice = p.number("window.hearth.stats.turns[0].releaseToFirstAudioMs");
      assertThat(releaseToVoice).isPositive();
      assertThat(p.text("#timings")).contains("ms");
      System.out.printf("page: release → first audio heard %.0f ms%n", releaseToVoice);
    }
  }

  /** Hold-to-talk with a finger, as on a phone: Chromium's touch input, which the page sees as touch pointer events. */
  @Test
  void aFingerHeldOnTheButtonTalksAndLiftingItSends() {
    try (HearthPage p = HearthPage.phone(chromium.browser).open(url(server))) {
      p.awaitIdle();
      p.eval("() => { window.pointerTypes = [];"
          + " document.getElementById('talk').addEventListener('pointerdown', (e) => window.pointerTypes.push(e.pointerType)); }");
      microphone.learnPhase(p.page);
      double onset = microphone.nextOnset(p.page, 800);

      FakeMicrophone.waitUntil(p.page, onset - 500);
      p.touchTalk();
      p.awaitState("listening");
      PlaywrightAssertions.assertThat(p.page.locator("#talk")).hasAccessibleName("Release to send");
      p.screenshot("phone-listening-touch");
      FakeMicrophone.waitUntil(p.page, onset + microphone.speechMillis + 600);
      assertThat(p.state()).as("listening for as long as the finger stays").isEqualTo("listening");
      p.liftTouch();

      p.awaitTrue("window.hearth.stats.turns[0]?.server != null");
      p.awaitIdle();
      assertThat(p.eval("window.pointerTypes")).isEqualTo(List.of("touch"));
      assertThat(p.sent).anyMatch(m -> m.contains("\"type\":\"stop\""));
      assertThat(p.text(".bubble.user p")).isEqualTo("what time is it");
      assertThat(p.text(".bubble.assistant p")).matches("It's \\d{1,2}:\\d\\d [AP]M\\.");
    }
  }

  /** Issue 17: the spoken fallback is one short sentence; the page shows why, and shows it again after a reload. */
  @Test
  void aShortFallbackShowsItsLongerExplanation() {
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.type("who wrote hamlet");
      p.awaitTrue("document.querySelector('.bubble.assistant p.detail') !== null");
      assertThat(p.text(".bubble.assistant p:first-child")).isEqualTo("I can't answer that offline yet.");
      assertThat(p.text(".bubble.assistant p.detail")).contains("language model", "docs/models.md");
      p.awaitIdle();
      p.page.reload();
      p.awaitIdle();
      p.awaitTrue("document.querySelector('.bubble.assistant p.detail') !== null");
      assertThat(p.text(".bubble.assistant p.detail")).contains("language model");
    }
  }

  @Test
  void aTypedTurnLandsInTheSidebarAndReopensAfterAReloadAndAServerRestart(@TempDir Path data) {
    server = TestServers.start(data, TestServers.TEXT_ONLY);
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.type("what is twelve times seven");
      p.awaitTrue("document.querySelector('.bubble.assistant p')?.textContent.includes('84')");
      p.awaitIdle();
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length === 1");
      assertThat(p.text("#conversation-list li .name")).isEqualTo("what is twelve times seven");
      assertThat(p.page.url()).contains("#c=");

      p.page.reload();
      p.awaitIdle();
      p.awaitTrue("document.querySelectorAll('.bubble').length === 2");
      assertThat(p.text(".bubble.user p")).isEqualTo("what is twelve times seven");

      int[] ports = ports();
      server.close();
      server = startOn(ports, data);
      p.page.navigate(url(server)); // a fresh page without the conversation in its address
      p.awaitIdle();
      assertThat(p.page.locator(".bubble").count()).isZero();
      p.page.locator("#conversation-list li .open").first().click();
      p.awaitTrue("document.querySelectorAll('.bubble').length === 2");
      assertThat(p.text(".bubble.assistant p")).contains("84");
      assertThat(p.text("#title")).isEqualTo("what is twelve times seven");

      // continue it
      p.type("what is nine times nine");
      p.awaitTrue("document.querySelectorAll('.bubble.assistant').length === 2");
      p.awaitIdle();
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length === 1");

      // rename
      p.page.locator("#conversation-list li .rename").click();
      p.page.locator("#rename-input").fill("Sums");
      p.page.locator("#rename-dialog button[value=save]").click();
      p.awaitTrue("document.querySelector('#conversation-list li .name')?.textContent === 'Sums'");
      assertThat(p.text("#title")).isEqualTo("Sums");

      // delete: cancelling keeps it, confirming removes it
      p.page.locator("#conversation-list li .delete").click();
      p.screenshot("desktop-delete-confirmation");
      p.page.locator("#delete-dialog button[value=cancel]").click();
      assertThat(p.page.locator("#conversation-list li").count()).isEqualTo(1);
      p.page.locator("#conversation-list li .delete").click();
      p.page.locator("#delete-dialog button[value=delete]").click();
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length === 0");
      assertThat(p.page.locator(".bubble").count()).isZero();
      assertThat(p.text("#title")).isEqualTo("New conversation");
    }
  }

  /** The sidebar used to list the 50 newest conversations and no way to reach older ones. */
  @Test
  void showMoreListsTheConversationsPastTheFirstFifty() throws Exception {
    Set<String> created = new HashSet<>();
    for (int i = 1; i <= 51; i++) {
      assertThat(api("POST", "/api/conversations", "{\"title\": \"Conversation " + i + "\"}").statusCode()).isEqualTo(201);
      created.add("Conversation " + i);
    }
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length === 50");
      PlaywrightAssertions.assertThat(p.page.locator("#more-conversations")).isVisible();
      p.page.locator("#more-conversations").scrollIntoViewIfNeeded();
      p.screenshot("desktop-show-more");
      p.page.locator("#more-conversations").click();
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length === 51");
      PlaywrightAssertions.assertThat(p.page.locator("#more-conversations")).isHidden();
      assertThat(new HashSet<>(p.page.locator("#conversation-list li .name").allTextContents())).isEqualTo(created);
      assertThat(p.eval("document.activeElement === document.querySelectorAll('#conversation-list .open')[50]"))
          .as("focus moves to the conversation it added").isEqualTo(true);

      // a new conversation keeps as many listed as were shown: the oldest moves behind "Show more"
      p.type("what is nine times nine");
      p.awaitTrue("window.hearth.stats.turns[0]?.server != null");
      p.awaitTrue("document.querySelector('#conversation-list li .name').textContent === 'what is nine times nine'");
      assertThat(p.page.locator("#conversation-list li").count()).isEqualTo(51);
      PlaywrightAssertions.assertThat(p.page.locator("#more-conversations")).isVisible();
      p.page.locator("#more-conversations").click();
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length === 52");
      PlaywrightAssertions.assertThat(p.page.locator("#more-conversations")).isHidden();
    }
  }

  /**
   * The open conversation deleted elsewhere (another tab, the API) left the page naming it with every turn: each
   * one was refused with {@code unknown_conversation}, which the page did not even show.
   */
  @Test
  void aConversationDeletedElsewhereGivesWayToANewOne() throws Exception {
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.type("what is twelve times seven");
      p.awaitTrue("window.hearth.stats.turns[0]?.server != null");
      p.awaitIdle();
      String deleted = (String) p.eval("window.hearth.conversationId");
      assertThat(api("DELETE", "/api/conversations/" + deleted).statusCode()).isEqualTo(204);

      p.type("what is nine times nine");
      p.awaitState("error");
      assertThat(p.text("#notice-text")).startsWith("This conversation was deleted elsewhere");
      assertThat(p.eval("window.hearth.conversationId")).isNull();
      assertThat(p.text("#title")).isEqualTo("New conversation");
      assertThat(p.page.locator(".bubble").count()).isZero();
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length === 0");
      assertThat(p.page.locator("#text").inputValue()).as("the question, to send again").isEqualTo("what is nine times nine");
      p.screenshot("desktop-conversation-deleted-elsewhere");

      p.page.locator("#text").press("Enter");
      p.awaitTrue("document.querySelector('.bubble.assistant p')?.textContent.includes('81')");
      p.awaitIdle();
      assertThat(p.page.locator("#notice").isHidden()).isTrue();
      assertThat(p.eval("window.hearth.conversationId")).isNotNull().isNotEqualTo(deleted);
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length === 1");
      assertThat(p.text("#conversation-list li .name")).isEqualTo("what is nine times nine");
    }
  }

  /**
   * A press during an answer silences it at once (the target is 100 ms; the time is printed, not asserted to the
   * millisecond, since a loaded machine delays the page's timers: a press that did not stop the answer would leave it
   * playing for seconds).
   */
  @Test
  void pressingWhileAnAnswerPlaysSilencesIt() {
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.type("what can you do");
      p.awaitState("speaking");
      p.awaitTrue("window.hearth.outputLevel() > 0.01");
      p.pressTalk();
      p.awaitTrue("window.hearth.stats.bargeIns.length === 1 && window.hearth.stats.bargeIns[0].stopMs !== null");
      double stopMs = p.number("window.hearth.stats.bargeIns[0].stopMs");
      System.out.printf("page: barge-in press → silence %.1f ms%n", stopMs);
      assertThat(stopMs).isLessThan(1_000);
      assertThat(p.number("window.hearth.outputLevel()")).isZero();
      assertThat(p.state()).isEqualTo("listening");
      assertThat(p.sent).anyMatch(m -> m.contains("\"type\":\"start\""));
      p.releaseTalk();
      p.awaitIdle();
    }
  }

  @Test
  void aTimerThatGoesOffIsShownAndSpokenInTheConversationsPage() {
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.type("set a timer for ten seconds"); // it goes off after the reply has been spoken
      p.awaitTrue("document.querySelector('.bubble.assistant .source')?.textContent === 'skill'");
      p.awaitIdle();
      long replyAudio = p.audioBytesReceived.get();
      int shown = (int) p.number("window.hearth.stats.states.length");
      p.awaitTrue("document.querySelector('.bubble.note')?.textContent.includes('timer')");
      p.screenshot("desktop-timer-announcement");
      p.awaitTrue("window.hearth.stats.states.length > " + shown + " && window.hearth.state === 'idle'");
      assertThat(p.eval("window.hearth.stats.states.slice(" + shown + ").join(' ')")).isEqualTo("speaking idle");
      assertThat(p.audioBytesReceived.get()).as("the announcement was spoken").isGreaterThan(replyAudio);
      assertThat(p.number("window.hearth.stats.samplesScheduled")).isEqualTo(p.audioBytesReceived.get() / 2.0);

      // it rings until stopped (the server would say it again every 15 s): "stop" silences it
      p.type("stop");
      p.awaitTrue("[...document.querySelectorAll('.bubble.assistant p:first-child')].some(e => e.textContent === "
          + "'Okay, timer off.')");
      p.awaitIdle();
    }
  }

  /** The talk button's name, as a screen reader says it, follows what it does (a fixed aria-label kept "Hold to talk"). */
  @Test
  void theKeyboardAloneCanTalkTypeAndStopSpeech() {
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      Locator talk = p.page.locator("#talk");
      PlaywrightAssertions.assertThat(talk).hasAccessibleName("Hold to talk");
      p.page.keyboard().down("Space");
      p.awaitState("listening");
      assertThat(talk.getAttribute("aria-pressed")).isEqualTo("true");
      PlaywrightAssertions.assertThat(talk).hasAccessibleName("Release to send");
      p.awaitTrue("window.hearth.stats.turns.length === 1");
      p.page.keyboard().up("Space");
      p.awaitTrue("window.hearth.stats.turns[0].server != null");
      assertThat(p.sent).anyMatch(m -> m.contains("\"type\":\"stop\""));
      p.awaitIdle();

      for (int i = 0; i < 40 && !"text".equals(p.eval("document.activeElement.id")); i++) {
        p.page.keyboard().press("Tab");
      }
      assertThat(p.eval("document.activeElement.id")).as("Tab reaches the text box").isEqualTo("text");
      p.page.keyboard().type("what can you do");
      p.page.keyboard().press("Enter");
      p.awaitState("speaking");
      PlaywrightAssertions.assertThat(talk).hasAccessibleName("Hold to interrupt");
      p.page.keyboard().press("Escape");
      p.awaitIdle();
      // the analyser still holds the last few milliseconds it heard: silence reaches it a frame or two later
      p.awaitTrue("window.hearth.outputLevel() === 0");
      assertThat(p.sent).anyMatch(m -> m.contains("\"type\":\"cancel\""));
    }
  }

  @Test
  void aKilledServerIsShownAndThePageReconnectsWhenItReturns(@TempDir Path data) {
    server = TestServers.start(data, TestServers.TEXT_ONLY);
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.type("what is twelve times seven");
      p.awaitTrue("window.hearth.stats.turns[0]?.server != null");
      p.awaitIdle();
      Object conversation = p.eval("window.hearth.conversationId");
      int[] ports = ports();
      server.close();
      p.awaitState("error");
      assertThat(p.text("#notice-text")).startsWith("Lost the connection to Hearth");
      assertThat(p.page.locator("#talk").isDisabled()).as("a press is kept until it reconnects").isFalse();
      p.screenshot("desktop-connection-lost");

      server = startOn(ports, data);
      p.awaitIdle();
      assertThat(p.page.locator("#notice").isHidden()).isTrue();
      p.type("what is nine times nine");
      p.awaitTrue("document.querySelectorAll('.bubble.assistant')[1]?.textContent.includes('81')");
      p.awaitTrue("window.hearth.stats.turns[1]?.server != null");
      assertThat(p.eval("window.hearth.conversationId")).as("the conversation carries on").isEqualTo(conversation);
      p.awaitTrue("document.querySelectorAll('#conversation-list li').length === 1");
    }
  }

  /**
   * Offline, the service worker answered live.js (left out of its shell) with index.html, so app.js never ran and
   * the page sat on "Connecting…" without a word about the server being away.
   */
  @Test
  void theServiceWorkerOpensThePageWhileTheServerIsAway(@TempDir Path data) {
    server = TestServers.start(data, TestServers.TEXT_ONLY);
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.awaitTrue("navigator.serviceWorker.controller?.scriptURL.endsWith('/sw.js')");
      server.close();
      p.page.reload();
      p.awaitState("error");
      assertThat(p.text("#notice-text")).startsWith("Lost the connection to Hearth");
      assertThat(p.eval("fetch('missing.js').then((r) => r.status + ' ' + r.headers.get('Content-Type'), () => 'refused')"))
          .as("a file the shell lacks is not answered with the page").isEqualTo("refused");
      p.screenshot("desktop-offline-shell");
    }
  }

  @Test
  void aServerErrorIsExplainedInPlace(@TempDir Path data) {
    server = TestServers.start(data, Map.of("stt.max_utterance_millis", "1000"));
    try (HearthPage p = desktopPage()) {
      p.awaitIdle();
      p.pressTalk();
      p.awaitState("error");
      p.releaseTalk();
      assertThat(p.text("#notice-text")).startsWith("The utterance is longer than 1");
      assertThat(p.page.locator("#talk").isEnabled()).isTrue();
      p.screenshot("desktop-server-error");
      p.page.locator("#notice-actions button").click();
      p.awaitIdle();
      assertThat(p.page.locator("#notice").isHidden()).isTrue();
    }
  }

  @Test
  void aPageFromAnotherOriginCannotOpenTheSocket() throws Exception {
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] html = "<!doctype html><title>another site</title>".getBytes(StandardCharsets.UTF_8);
    elsewhere.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, html.length);
      exchange.getResponseBody().write(html);
      exchange.close();
    });
    elsewhere.start();
    String tryToConnect = "(url) => new Promise((resolve) => {"
        + " const ws = new WebSocket(url);"
        + " ws.onopen = () => { ws.close(); resolve('opened'); };"
        + " ws.onerror = () => resolve('refused'); })";
    try (HearthPage own = new HearthPage(chromium.browser, 800, 600).open(url(server));
        HearthPage other = new HearthPage(chromium.browser, 800, 600)
            .open("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/")) {
      String wss = "wss://127.0.0.1:" + server.httpsPort() + "/ws";
      String ws = "ws://127.0.0.1:" + server.port() + "/ws";
      assertThat(own.page.evaluate(tryToConnect, wss)).as("the server's own page").isEqualTo("opened");
      assertThat(other.page.evaluate(tryToConnect, wss)).as("another origin over wss").isEqualTo("refused");
      assertThat(other.page.evaluate(tryToConnect, ws)).as("another origin over ws").isEqualTo("refused");
      assertThat(server.config().server().allowedOrigins()).isEmpty();
    } finally {
      elsewhere.stop(0);
    }
  }

  @Test
  void overPlainHttpFromAnotherNameThePageSaysWhichHttpsAddressToOpen() {
    try (HearthPage p = new HearthPage(chromium.browser, 1280, 800)
        .open("http://hearth.test:" + server.port() + "/")) {
      assertThat(p.eval("window.isSecureContext")).isEqualTo(false);
      String secure = "https://hearth.test:" + server.httpsPort() + "/";
      p.awaitTrue("document.getElementById('notice-text').textContent.includes('" + secure + "')");
      p.screenshot("desktop-insecure-context");
      p.pressTalk();
      p.releaseTalk();
      assertThat(p.page.locator("#notice").getAttribute("data-kind")).isEqualTo("insecure");
      p.page.locator("#notice-actions a").click();
      p.page.waitForURL(secure);
      p.awaitIdle();
      assertThat(p.eval("window.isSecureContext")).isEqualTo(true);
      assertThat(p.page.locator("#notice").isHidden()).isTrue();
    }
  }

  /** With HTTPS off the page sent people to https://host:8443/, where nothing listens. */
  @Test
  void overPlainHttpWithHttpsSwitchedOffThePageNamesTheSettingInsteadOfAnAddress(@TempDir Path data) {
    server = TestServers.start(data, TestServers.merged(TestServers.TEXT_ONLY,
        Map.of("tls.enabled", "false", "tls.extra_names", "hearth.test")));
    try (HearthPage p = new HearthPage(chromium.browser, 1280, 800)
        .open("http://hearth.test:" + server.port() + "/")) {
      p.awaitIdle();
      assertThat(p.eval("window.isSecureContext")).isEqualTo(false);
      p.awaitTrue("document.getElementById('notice-text').textContent.includes('tls.enabled')");
      assertThat(p.text("#notice-text")).contains("HTTPS is switched off").doesNotContain("https://hearth.test:");
      assertThat(p.page.locator("#notice-actions a").count()).as("no link to an address where nothing listens").isZero();
      p.screenshot("desktop-insecure-https-off");
      p.type("what is nine times nine");
      p.awaitTrue("document.querySelector('.bubble.assistant p')?.textContent.includes('81')");
    }
  }

  @Test
  void aDeniedMicrophoneIsExplainedInPlaceAndTypingStillWorks() {
    try (Chromium refusing = Chromium.launch(microphone.file, false);
        HearthPage p = new HearthPage(refusing.browser, 1280, 800).open(url(server))) {
      p.awaitIdle();
      p.pressTalk();
      p.awaitState("error");
      p.releaseTalk();
      assertThat(p.text("#notice-text")).contains("not letting this page use the microphone");
      p.screenshot("desktop-microphone-denied");
      p.type("what is nine times nine");
      p.awaitTrue("document.querySelector('.bubble.assistant p')?.textContent.includes('81')");
    }
  }

  @Test
  void aMissingMicrophoneIsExplainedInPlace() {
    try (Chromium bare = Chromium.withRealDevices();
        HearthPage p = new HearthPage(bare.browser, 1280, 800).open(url(server))) {
      p.awaitIdle();
      Object inputs = p.page.evaluate("async () => (await navigator.mediaDevices.enumerateDevices())"
          + ".filter((d) => d.kind === 'audioinput').length");
      Assumptions.assumeTrue(((Number) inputs).intValue() == 0, "this machine has a real microphone");
      p.pressTalk();
      p.awaitState("error");
      p.releaseTalk();
      assertThat(p.text("#state-text")).isEqualTo("No microphone");
      assertThat(p.text("#notice-text")).startsWith("No microphone was found.");
      p.screenshot("desktop-no-microphone");
    }
  }

  @Test
  void onAPhoneEveryControlIsVisibleWithoutHorizontalScrolling() {
    try (HearthPage p = new HearthPage(chromium.browser, 390, 844).open(url(server))) {
      p.awaitIdle();
      p.type("how many feet in a mile");
      p.awaitIdle();
      HearthPage.assertNoHorizontalScroll(p, 390);
      for (String control : List.of("#menu", "#state", "#talk", "#text", "#send")) {
        assertVisibleWithin(p, control, 390, 844);
      }
      p.screenshot("phone-idle");
      p.page.locator("#menu").click();
      p.awaitTrue("getComputedStyle(document.getElementById('sidebar')).transform === 'none'");
      for (String control : List.of("#new-conversation", "#conversation-list li .open", "#conversation-list li .rename",
          "#conversation-list li .delete")) {
        assertVisibleWithin(p, control, 390, 844);
      }
      HearthPage.assertNoHorizontalScroll(p, 390);
      p.screenshot("phone-conversations");
    }
  }

  /**
   * Renders one second of a {@code hz} sine (amplitude 0.5) at {@code rate} through capture-worklet.js and
   * returns the frames' size, the 16 kHz samples, the tone's frequency from zero crossings and the RMS level
   * (skipping the first frame, where the filter fills).
   */
  private static final String RENDER_TONE = "async ([rate, hz]) => {"
      + " const ctx = new OfflineAudioContext(1, rate, rate);"
      + " await ctx.audioWorklet.addModule('capture-worklet.js');"
      + " const node = new AudioWorkletNode(ctx, 'hearth-capture', {numberOfOutputs: 0, processorOptions: {capturing: true}});"
      + " const frames = []; node.port.onmessage = (e) => { if (e.data.pcm) frames.push(new Int16Array(e.data.pcm)); };"
      + " const osc = new OscillatorNode(ctx, {frequency: hz}); osc.connect(new GainNode(ctx, {gain: 0.5})).connect(node);"
      + " osc.start(); await ctx.startRendering(); await new Promise((r) => setTimeout(r, 50));"
      + " const all = frames.flatMap((f) => Array.from(f)); let crossings = 0, sum = 0;"
      + " for (let i = 1; i < all.length; i++) if ((all[i - 1] < 0) !== (all[i] < 0)) crossings++;"
      + " for (let i = 320; i < all.length; i++) sum += (all[i] / 32768) ** 2;"
      + " return {frame: frames[0].length, samples: all.length, hz: crossings / 2 * 16000 / all.length,"
      + "   rms: Math.sqrt(sum / (all.length - 320))}; }";

  @Test
  @SuppressWarnings("unchecked")
  void theCaptureWorkletTurnsAnyRateIntoSixteenKilohertzFramesOfTwentyMilliseconds() {
    try (HearthPage p = new HearthPage(chromium.browser, 800, 600).open(url(server))) {
      for (int rate : new int[] {48_000, 44_100, 16_000}) {
        Map<String, Number> r = (Map<String, Number>) p.page.evaluate(RENDER_TONE, List.of(rate, 440));
        assertThat(r.get("frame").intValue()).as("frame at %d Hz", rate).isEqualTo(320);
        assertThat(r.get("samples").intValue()).as("one second at %d Hz", rate).isBetween(16_000 - 320, 16_000);
        assertThat(r.get("hz").doubleValue()).as("a 440 Hz tone at %d Hz", rate).isCloseTo(440, offset(3.0));
        assertThat(r.get("rms").doubleValue()).as("level at %d Hz", rate).isCloseTo(0.5 / Math.sqrt(2), offset(0.02));
      }
      Map<String, Number> alias = (Map<String, Number>) p.page.evaluate(RENDER_TONE, List.of(48_000, 12_000));
      assertThat(alias.get("rms").doubleValue()).as("a 12 kHz tone, above the 8 kHz limit, is filtered out, not folded to 4 kHz")
          .isLessThan(0.01);
    }
  }

  @Test
  void thePageWorksUnderItsOwnContentSecurityPolicy() {
    try (HearthPage p = new HearthPage(chromium.browser, 1280, 800, false)) {
      List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
      p.page.onConsoleMessage(m -> {
        if (m.text().contains("Content Security Policy")) violations.add(m.text());
      });
      p.open(url(server));
      PlaywrightAssertions.assertThat(p.page.locator("body")).hasAttribute("data-state", "idle");
      p.type("what is nine times nine");
      PlaywrightAssertions.assertThat(p.page.locator(".bubble.assistant .source")).hasText("skill");
      PlaywrightAssertions.assertThat(p.page.locator(".bubble.assistant p")).containsText("81");
      PlaywrightAssertions.assertThat(p.page.locator("#conversation-list li")).hasCount(1);
      assertThat(violations).isEmpty();
    }
  }

  private JsonNode conversations() throws Exception {
    HttpResponse<String> listed = api("GET", "/api/conversations?limit=100");
    assertThat(listed.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(listed.body());
  }

  /** A request to the running server's {@code /api} from outside the page, as another tab or a script makes it. */
  private HttpResponse<String> api(String method, String path) throws Exception {
    return api(method, path, null);
  }

  private HttpResponse<String> api(String method, String path, String json) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertVisibleWithin(HearthPage p, String selector, int width, int height) {
    var box = p.page.locator(selector).first().boundingBox();
    assertThat(box).as(selector + " is shown").isNotNull();
    assertThat(box.x).as(selector + " left edge").isGreaterThanOrEqualTo(0);
    assertThat(box.x + box.width).as(selector + " right edge").isLessThanOrEqualTo(width);
    assertThat(box.y).as(selector + " top edge").isGreaterThanOrEqualTo(0);
    assertThat(box.y + box.height).as(selector + " bottom edge").isLessThanOrEqualTo(height);
  }
}
