package dev.hearth.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.config.BrainConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live mode's server side against the fake OpenAI: sessions, the relay and the secret, limits, and transcripts. */
class LiveModeTest {
  private static final ObjectMapper json = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();
  static final String OFFER = "v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:1\r\n";

  @TempDir
  Path data;
  private FakeOpenAi fake;
  private Hearth hearth;

  @BeforeEach
  void startFake() throws Exception {
    fake = FakeOpenAi.start();
  }

  @AfterEach
  void stop() {
    if (hearth != null) hearth.close();
    fake.close();
  }

  private void start(String... more) {
    Map<String, String> settings = new HashMap<>(Map.of("openai.api_key", FakeOpenAi.KEY, "openai.base_url", fake.baseUrl(),
        "openai.probe_interval_seconds", "0"));
    settings.putAll(TestServers.TEXT_ONLY); // no voice turn: live mode's audio goes to OpenAI
    for (int i = 0; i < more.length; i += 2) settings.put(more[i], more[i + 1]);
    hearth = TestServers.start(data, settings);
  }

  private HttpResponse<String> post(String path, String type, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hearth.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (type != null) b.header("Content-Type", type);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode budget() throws Exception {
    return json.readTree(TestServers.get(hearth.port(), "/api/status").body()).path("openai").path("budget");
  }

  @Test
  void theRelayMakesTheCallWithTheServersKeyAndThePageGetsNoKeyAtAll() throws Exception {
    start();
    HttpResponse<String> opened = post("/api/live/session", "application/json", "{}");
    assertThat(opened.statusCode()).isEqualTo(201);
    JsonNode session = json.readTree(opened.body());
    assertThat(session.path("mode").asText()).isEqualTo("relay");
    assertThat(session.path("live_id").asText()).startsWith("live_");
    assertThat(session.path("max_seconds").asInt()).isEqualTo(600);
    assertThat(session.has("client_secret")).isFalse();
    assertThat(opened.body()).doesNotContain(FakeOpenAi.KEY).doesNotContain("ek_");
    String conversation = session.path("conversation_id").asText();
    assertThat(TestServers.get(hearth.port(), "/api/conversations/" + conversation).statusCode()).isEqualTo(200);
    assertThat(budget().path("live_seconds_used").asInt()).isEqualTo(600); // reserved until it ends

    HttpResponse<String> answer = post(session.path("sdp_url").asText(), "application/sdp", OFFER);
    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/sdp");
    assertThat(answer.body()).startsWith("v=0").contains("m=audio");

    FakeOpenAi.Received call = fake.received("/realtime/calls").get(0);
    assertThat(call.header("authorization")).isEqualTo("Bearer " + FakeOpenAi.KEY);
    String type = call.header("content-type");
    Map<String, String> parts = FakeOpenAi.multipart(call.text(), type.substring(type.indexOf("boundary=") + 9));
    assertThat(parts.get("sdp")).isEqualTo(OFFER);
    JsonNode sent = json.readTree(parts.get("session"));
    assertThat(sent.path("type").asText()).isEqualTo("realtime");
    assertThat(sent.path("model").asText()).isEqualTo("gpt-realtime");
    assertThat(sent.path("instructions").asText()).isEqualTo(BrainConfig.DEFAULT_SYSTEM_PROMPT);
    assertThat(sent.path("audio").path("input").path("transcription").path("model").asText()).isEqualTo("gpt-4o-mini-transcribe");
    assertThat(sent.path("audio").path("output").path("voice").asText()).isEqualTo("marin");

    assertThat(post("/api/live/" + session.path("live_id").asText() + "/end", null, "").statusCode()).isEqualTo(204);
    await(() -> fake.received().stream().anyMatch(r -> r.path().endsWith("/hangup")));
    assertThat(budget().path("live_seconds_used").asInt()).isBetween(1, 5); // the unused reservation came back
    // a second offer for an ended session is refused
    assertThat(post(session.path("sdp_url").asText(), "application/sdp", OFFER).statusCode()).isEqualTo(404);
  }

  @Test
  void withoutTheRelayThePageGetsAShortLivedSecretAndReportsItsCall() throws Exception {
    start("openai.live_relay", "false");
    JsonNode session = json.readTree(post("/api/live/session", "application/json", "{}").body());
    assertThat(session.path("mode").asText()).isEqualTo("ephemeral");
    String secret = session.path("client_secret").asText();
    assertThat(secret).startsWith("ek_");
    assertThat(session.path("calls_url").asText()).isEqualTo(fake.baseUrl() + "/realtime/calls");
    JsonNode minted = fake.received("/realtime/client_secrets").get(0).json();
    assertThat(minted.path("expires_after").path("seconds").asInt()).isEqualTo(30); // the session's start window
    assertThat(minted.path("session").path("audio").path("input").path("transcription").isObject()).isTrue();

    // the page's own SDP exchange with OpenAI, with the ephemeral key
    HttpResponse<String> call = http.send(HttpRequest.newBuilder(URI.create(session.path("calls_url").asText()))
        .header("Authorization", "Bearer " + secret).header("Content-Type", "application/sdp")
        .POST(HttpRequest.BodyPublishers.ofString(OFFER)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(call.statusCode()).isEqualTo(201);
    String callId = call.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
    String live = session.path("live_id").asText();
    assertThat(post("/api/live/" + live + "/call", "application/json", "{\"call_id\":\"" + callId + "\"}").statusCode())
        .isEqualTo(204);
    assertThat(post("/api/live/" + live + "/call", "application/json", "{\"call_id\":\"x; rm -rf\"}").statusCode()).isEqualTo(400);
    assertThat(post("/api/live/" + live + "/end", null, "").statusCode()).isEqualTo(204);
    await(() -> !fake.received("/realtime/calls/" + callId + "/hangup").isEmpty());
  }

  /**
   * Regression: without the relay, a session whose page never reported its call gave its whole reservation back, though
   * the page held a secret and may have made a call the server cannot end, so the per-session cap was bypassed.
   */
  @Test
  void withoutTheRelayASessionThatReportsNoCallKeepsItsReservationCharged() throws Exception {
    start("openai.live_relay", "false", "openai.live_max_seconds", "120");
    JsonNode session = json.readTree(post("/api/live/session", "application/json", "{}").body());
    assertThat(session.path("client_secret").asText()).startsWith("ek_");
    assertThat(post("/api/live/" + session.path("live_id").asText() + "/end", null, "").statusCode()).isEqualTo(204);
    assertThat(budget().path("live_seconds_used").asInt()).isEqualTo(120);
  }

  @Test
  void aLiveSessionIsHungUpAtItsLongestDuration() throws Exception {
    start("openai.live_max_seconds", "10");
    JsonNode session = json.readTree(post("/api/live/session", "application/json", "{}").body());
    assertThat(post(session.path("sdp_url").asText(), "application/sdp", OFFER).statusCode()).isEqualTo(201);
    long start = System.nanoTime();
    await(() -> fake.received().stream().anyMatch(r -> r.path().endsWith("/hangup")));
    assertThat((System.nanoTime() - start) / 1e9).isBetween(8.0, 13.0);
    assertThat(budget().path("live_seconds_used").asInt()).isEqualTo(10);
  }

  private boolean liveAvailable() throws Exception {
    return json.readTree(TestServers.get(hearth.port(), "/api/status").body())
        .path("capabilities").path("live_mode").path("available").asBoolean();
  }

  /**
   * Regression: /api/status said live mode was available while a second of the day's budget was left, but opening a
   * session needed live_max_seconds of it, so the page offered a session that was then refused. A session now gets
   * what is left when that is less (at least a minute), and live mode is available only while a minute is left.
   */
  @Test
  void theLastOfTheDailyLiveBudgetMakesAShorterSessionThenLiveModeIsUnavailable() throws Exception {
    start("openai.daily_live_minutes", "15", "openai.live_max_seconds", "600", "openai.live_pending_per_client", "3");
    HttpResponse<String> first = post("/api/live/session", "application/json", "{}");
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(json.readTree(first.body()).path("max_seconds").asInt()).isEqualTo(600);
    assertThat(liveAvailable()).isTrue(); // 5 minutes are left

    HttpResponse<String> second = post("/api/live/session", "application/json", "{}");
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(json.readTree(second.body()).path("max_seconds").asInt()).isEqualTo(300); // the rest of the day's
    assertThat(budget().path("live_seconds_used").asInt()).isEqualTo(900);
    assertThat(liveAvailable()).isFalse();

    HttpResponse<String> third = post("/api/live/session", "application/json", "{}");
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(json.readTree(third.body()).path("error").path("code").asText()).isEqualTo("budget_exceeded");
    assertThat(json.readTree(third.body()).path("error").path("message").asText())
        .isEqualTo("Today's OpenAI budget of 15 minutes of live mode is used up; it starts again at midnight.");
    assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 86_400L); // midnight
  }

  @Test
  void lessThanAMinuteOfTheDailyBudgetLeftIsNoSession() throws Exception {
    start("openai.daily_live_minutes", "2", "openai.live_max_seconds", "90");
    assertThat(post("/api/live/session", "application/json", "{}").statusCode()).isEqualTo(201); // 30 s are left
    assertThat(liveAvailable()).isFalse();
    assertThat(post("/api/live/session", "application/json", "{}").statusCode()).isEqualTo(429);
    assertThat(budget().path("live_seconds_used").asInt()).isEqualTo(90);
  }

  @Test
  void oneClientOverItsRateIsRefused() throws Exception {
    start("openai.client_requests_per_minute", "2", "openai.live_pending_per_client", "3");
    assertThat(post("/api/live/session", "application/json", "{}").statusCode()).isEqualTo(201);
    assertThat(post("/api/live/session", "application/json", "{}").statusCode()).isEqualTo(201);
    HttpResponse<String> third = post("/api/live/session", "application/json", "{}");
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(json.readTree(third.body()).path("error").path("code").asText()).isEqualTo("rate_limited");
    // regression: the 429 did not say when to try again, though the refusal knew
    assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
  }

  @Test
  void forwardedTranscriptsAreStoredInOrderInTheSessionsConversation() throws Exception {
    start();
    JsonNode session = json.readTree(post("/api/live/session", "application/json", "{}").body());
    String live = session.path("live_id").asText();
    String conversation = session.path("conversation_id").asText();
    String events = "/api/conversations/" + conversation + "/events";
    assertThat(post(events, "application/json", "{\"live_id\":\"" + live + "\",\"type\":"
        + "\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"item_1\",\"transcript\":\"what's the weather like\"}")
        .statusCode()).isEqualTo(201);
    assertThat(post(events, "application/json", "{\"live_id\":\"" + live + "\",\"type\":"
        + "\"response.output_audio_transcript.done\",\"item_id\":\"item_2\",\"transcript\":\"It's sunny and mild.\"}")
        .statusCode()).isEqualTo(201);
    post("/api/live/" + live + "/end", null, "");
    // a transcript that arrives just after the session ended still lands
    assertThat(post(events, "application/json", "{\"live_id\":\"" + live + "\",\"type\":"
        + "\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"item_3\",\"transcript\":\"thanks\"}")
        .statusCode()).isEqualTo(201);

    JsonNode stored = json.readTree(TestServers.get(hearth.port(), "/api/conversations/" + conversation).body()).path("events");
    assertThat(stored.findValuesAsText("type")).containsExactly("user_transcript", "assistant_reply", "user_transcript");
    assertThat(stored.findValuesAsText("text")).containsExactly("what's the weather like", "It's sunny and mild.", "thanks");
    assertThat(stored.findValuesAsText("source")).containsOnly("live");
    assertThat(stored.get(0).path("data").path("live_id").asText()).isEqualTo(live);

    // into another conversation, of an unknown type, without a transcript or a session: refused, nothing stored
    String other = json.readTree(post("/api/conversations", "application/json", "{}").body()).path("id").asText();
    assertThat(post("/api/conversations/" + other + "/events", "application/json", "{\"live_id\":\"" + live + "\",\"type\":"
        + "\"response.output_audio_transcript.done\",\"transcript\":\"x\"}").statusCode()).isEqualTo(409);
    assertThat(post(events, "application/json", "{\"live_id\":\"" + live + "\",\"type\":\"session.created\"}").statusCode())
        .isEqualTo(400);
    assertThat(post(events, "application/json", "{\"live_id\":\"" + live + "\",\"type\":"
        + "\"response.output_audio_transcript.done\",\"transcript\":\"  \"}").statusCode()).isEqualTo(400);
    assertThat(post(events, "application/json", "{\"live_id\":\"live_nope\",\"type\":"
        + "\"response.output_audio_transcript.done\",\"transcript\":\"x\"}").statusCode()).isEqualTo(404);
    assertThat(post(events, "application/json", "{not json").statusCode()).isEqualTo(400);
    assertThat(json.readTree(TestServers.get(hearth.port(), "/api/conversations/" + conversation).body())
        .path("events").size()).isEqualTo(3);
  }

  /**
   * Issue 15: each POST /api/live/session reserved 600 s of the 3600 s daily live budget for 90 s, so six posts from
   * one device blocked live mode for everyone. One client may now have two sessions waiting for their call; the
   * next is a 429 that says when to retry, reserves nothing and makes no conversation.
   */
  @Test
  void sixPostsFromOneDeviceNoLongerBlockLiveModeForEveryone() throws Exception {
    start("openai.daily_live_minutes", "60", "openai.live_max_seconds", "600");
    int conversations = json.readTree(TestServers.get(hearth.port(), "/api/conversations").body()).path("total").asInt();
    int refused = 0;
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = post("/api/live/session", "application/json", "{}");
      if (r.statusCode() == 429) {
        refused++;
        assertThat(json.readTree(r.body()).path("error").path("code").asText()).isEqualTo("too_many_pending");
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 30L);
      } else {
        assertThat(r.statusCode()).isEqualTo(201);
      }
    }
    assertThat(refused).isEqualTo(4);
    assertThat(budget().path("live_seconds_used").asInt()).isEqualTo(1200);
    assertThat(liveAvailable()).isTrue();
    assertThat(json.readTree(TestServers.get(hearth.port(), "/api/conversations").body()).path("total").asInt())
        .isEqualTo(conversations + 2);
  }

  @Test
  void badOffersAreRefusedAndAFailedCallGivesTheBudgetBack() throws Exception {
    start();
    String sdpUrl = json.readTree(post("/api/live/session", "application/json", "{}").body()).path("sdp_url").asText();
    assertThat(post(sdpUrl, "text/plain", OFFER).statusCode()).isEqualTo(400);
    assertThat(post(sdpUrl, "application/sdp", "hello").statusCode()).isEqualTo(400);
    assertThat(post(sdpUrl, "application/sdp", "v=0\r\n" + "a".repeat(70_000)).statusCode()).isEqualTo(400);
    assertThat(post("/api/live/live_unknown/sdp", "application/sdp", OFFER).statusCode()).isEqualTo(404);
    assertThat(post("/api/live/session", "application/json", "{\"conversation_id\":\"nope\"}").statusCode()).isEqualTo(404);

    fake.fail(500, "server_error");
    HttpResponse<String> failed = post(sdpUrl, "application/sdp", OFFER);
    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(json.readTree(failed.body()).path("error").path("message").asText())
        .startsWith("OpenAI did not start the live session: HTTP 500 server_error");
    assertThat(budget().path("live_seconds_used").asInt()).isZero();
  }

  @Test
  void aClientSecretThatCannotBeMintedIsA502AndGivesTheBudgetBack() throws Exception {
    start("openai.live_relay", "false");
    fake.dropOn("/realtime/client_secrets");
    HttpResponse<String> failed = post("/api/live/session", "application/json", "{}");
    assertThat(failed.statusCode()).isEqualTo(502);
    JsonNode error = json.readTree(failed.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("openai_failed");
    assertThat(error.path("message").asText()).startsWith("OpenAI did not start the live session: POST /realtime/client_secrets failed");
    assertThat(failed.body()).doesNotContain("ek_").doesNotContain(FakeOpenAi.KEY);
    assertThat(budget().path("live_seconds_used").asInt()).isZero(); // no secret reached the page: nothing to keep
    assertThat(fake.received("/realtime/client_secrets")).hasSize(1);
  }

  @Test
  void aRelayedCallWhoseConnectionDropsIsA502AndGivesTheBudgetBack() throws Exception {
    start();
    String sdpUrl = json.readTree(post("/api/live/session", "application/json", "{}").body()).path("sdp_url").asText();
    fake.dropOn("/realtime/calls");
    HttpResponse<String> failed = post(sdpUrl, "application/sdp", OFFER);
    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(json.readTree(failed.body()).path("error").path("message").asText())
        .startsWith("OpenAI did not start the live session: POST /realtime/calls failed");
    assertThat(budget().path("live_seconds_used").asInt()).isZero();
  }

  @Test
  void withoutAKeyLiveModeSaysWhatItNeedsAndWithTheFlagOffItIsNotThere(@TempDir Path other) throws Exception {
    hearth = TestServers.start(data, TestServers.TEXT_ONLY);
    HttpResponse<String> noKey = post("/api/live/session", "application/json", "{}");
    assertThat(noKey.statusCode()).isEqualTo(503);
    assertThat(json.readTree(noKey.body()).path("error").path("code").asText()).isEqualTo("openai_not_configured");
    hearth.close();
    start("openai.live", "false");
    assertThat(post("/api/live/session", "application/json", "{}").statusCode()).isEqualTo(404);
    assertThat(json.readTree(TestServers.get(hearth.port(), "/api/status").body())
        .path("capabilities").path("live_mode").path("available").asBoolean()).isFalse();
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("the condition did not hold within 20 s");
      Thread.sleep(20);
    }
  }
}
