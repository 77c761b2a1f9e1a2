package dev.hearth.openai;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.brain.Brain;
import dev.hearth.brain.FakeChatModel;
import dev.hearth.config.BrainConfig;
import dev.hearth.protocols.page.ServerMessage.ReplyDelta;
import dev.hearth.protocols.page.ServerMessage.ReplyFinal;
import dev.hearth.protocols.page.ServerMessage.TurnDone;
import dev.hearth.web.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** OpenAI in the voice turn, against the fake: the fallback order, the deadline, the budgets, and the key kept home. */
class OpenAiTurnTest {
  private static final ObjectMapper json = new ObjectMapper();
  private static final String ASK = "{\"type\":\"text\",\"text\":\"what is the capital of france\"}";

  @TempDir
  Path data;
  private FakeOpenAi fake;
  private final ListAppender<ILoggingEvent> brainLog = new ListAppender<>();

  @BeforeEach
  void start() throws Exception {
    fake = FakeOpenAi.start();
    brainLog.start();
    ((Logger) LoggerFactory.getLogger(Brain.class)).addAppender(brainLog);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(Brain.class)).detachAppender(brainLog);
    fake.close();
  }

  private Map<String, String> online(String... more) {
    Map<String, String> settings = new HashMap<>(Map.of("openai.api_key", FakeOpenAi.KEY, "openai.base_url", fake.baseUrl(),
        "openai.probe_interval_seconds", "0"));
    // these tests are about who answers typed questions, and wait for each whole answer
    settings.putAll(TestServers.TEXT_ONLY);
    settings.putAll(TestServers.UNPACED);
    for (int i = 0; i < more.length; i += 2) settings.put(more[i], more[i + 1]);
    return settings;
  }

  private static ReplyFinal ask(WsTestClient ws) throws InterruptedException {
    ws.clear();
    ws.send(ASK);
    ReplyFinal reply = ws.await(ReplyFinal.class, r -> true, Duration.ofSeconds(20));
    ws.await(TurnDone.class, d -> true, Duration.ofSeconds(20));
    return reply;
  }

  @Test
  void withoutALocalModelOpenAiAnswersWhatTheSkillsCannotStreamedIntoSpeech() throws Exception {
    Hearth hearth = TestServers.start(data, online());
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ws.send("{\"type\":\"text\",\"text\":\"what is twelve times seven\"}");
      assertThat(ws.await(ReplyFinal.class).source()).isEqualTo("skill");
      String conversation = ws.await(TurnDone.class).conversationId();
      assertThat(fake.received("/chat/completions")).isEmpty();

      ws.clear();
      ws.send("{\"type\":\"text\",\"text\":\"what is the capital of france\",\"conversation_id\":\"" + conversation + "\"}");
      ReplyFinal reply = ws.await(ReplyFinal.class, r -> true, Duration.ofSeconds(20));
      ws.await(TurnDone.class, d -> true, Duration.ofSeconds(20));
      assertThat(reply.source()).isEqualTo("openai");
      assertThat(reply.text()).isEqualTo("Paris is the capital of France. It sits on the Seine.");
      assertThat(ws.messages().stream().filter(ReplyDelta.class::isInstance).count()).isGreaterThan(5);
      assertThat(ws.audio().length).isGreaterThan(24_000 * 2);

      JsonNode sent = fake.received("/chat/completions").get(0).json();
      assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
      JsonNode messages = sent.path("messages");
      assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
      assertThat(messages.get(0).path("content").asText()).isEqualTo(BrainConfig.DEFAULT_SYSTEM_PROMPT);
      // the earlier turn of the conversation is context
      assertThat(messages.toString()).contains("what is twelve times seven");
      assertThat(messages.get(messages.size() - 1).path("content").asText()).isEqualTo("what is the capital of france");

      TurnDone done = (TurnDone) ws.messages().stream().filter(TurnDone.class::isInstance).findFirst().orElseThrow();
      JsonNode stored = json.readTree(TestServers.get(hearth.port(), "/api/conversations/" + done.conversationId()).body());
      assertThat(stored.path("events").findValuesAsText("source")).contains("openai");
    } finally {
      hearth.close();
    }
  }

  @Test
  void localFirstAsksTheLocalModelAndOpenAiWhenItFailsWithOneLogLineNamingBoth() throws Exception {
    FakeChatModel model = new FakeChatModel("unused").failWith(new IllegalStateException("model crashed"));
    Hearth hearth = TestServers.unstarted(data, online()).chatModel(model).start();
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      assertThat(ask(ws).source()).isEqualTo("openai");
      assertThat(model.calls).hasSize(1);
      assertThat(brainLog.list).extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(m -> m.startsWith("llm could not answer (the model fake failed: java.lang.IllegalStateException: model crashed)")
              && m.endsWith("; openai answered instead"));
    } finally {
      hearth.close();
    }
  }

  @Test
  void openAiFirstFallsBackToTheLocalModelWhenOpenAiFails() throws Exception {
    fake.fail(500, "server_error");
    FakeChatModel model = new FakeChatModel("Paris, ", "on the Seine.");
    Hearth hearth = TestServers.unstarted(data, online("brain.order", "openai-first")).chatModel(model).start();
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ReplyFinal reply = ask(ws);
      assertThat(reply.source()).isEqualTo("llm");
      assertThat(reply.text()).isEqualTo("Paris, on the Seine.");
      assertThat(fake.received("/chat/completions")).hasSize(1);
      assertThat(brainLog.list).extracting(ILoggingEvent::getFormattedMessage)
          .contains("openai could not answer (HTTP 500 server_error: The fake server was told to fail with 500.); llm answered instead");

      fake.normal();
      assertThat(ask(ws).source()).isEqualTo("openai");
    } finally {
      hearth.close();
    }
  }

  /**
   * Regression: local-first, a local model that had not begun gave way only at the turn's deadline, when OpenAI had no
   * time left and was skipped too. It now gives way openai.timeout_millis (at most half the deadline) before it.
   */
  @Test
  void localFirstASlowLocalModelGivesWayInTimeForOpenAi() throws Exception {
    FakeChatModel model = new FakeChatModel("Too ", "slow.").delayMillis(3_200);
    Hearth hearth = TestServers.unstarted(data, online("brain.deadline_millis", "4000", "openai.timeout_millis", "1000"))
        .chatModel(model).start();
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ReplyFinal reply = ask(ws);
      assertThat(reply.source()).isEqualTo("openai");
      assertThat(reply.text()).isEqualTo("Paris is the capital of France. It sits on the Seine.");
      TurnDone done = (TurnDone) ws.messages().stream().filter(TurnDone.class::isInstance).findFirst().orElseThrow();
      assertThat(done.millis("first_audio_ms")).isLessThan(4_000.0);
      assertThat(brainLog.list).extracting(ILoggingEvent::getFormattedMessage).contains("llm could not answer (the model fake had "
          + "not begun by the deadline, 1000 ms before the turn's, left to openai); openai answered instead");
    } finally {
      hearth.close();
    }
  }

  @Test
  void openAiFirstAHangingOpenAiGivesWayInTimeForTheLocalModel() throws Exception {
    fake.hang();
    FakeChatModel model = new FakeChatModel("Paris, ", "on the Seine.").delayMillis(100);
    Hearth hearth = TestServers.unstarted(data, online("brain.order", "openai-first", "brain.deadline_millis", "3000",
        "openai.timeout_millis", "2000")).chatModel(model).start();
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ReplyFinal reply = ask(ws);
      assertThat(reply.source()).isEqualTo("llm");
      assertThat(reply.text()).isEqualTo("Paris, on the Seine.");
      TurnDone done = (TurnDone) ws.messages().stream().filter(TurnDone.class::isInstance).findFirst().orElseThrow();
      assertThat(done.millis("first_audio_ms")).isLessThan(3_000.0);
      assertThat(brainLog.list).extracting(ILoggingEvent::getFormattedMessage)
          .contains("openai could not answer (waiting for the first words timed out after 2000 ms); llm answered instead");
    } finally {
      hearth.close();
    }
  }

  @Test
  void whenOpenAiHangsTheTurnStillAnswersWithinTheDeadline() throws Exception {
    fake.hang();
    Hearth hearth = TestServers.start(data, online("brain.deadline_millis", "3000", "openai.timeout_millis", "2000"));
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      long start = System.nanoTime();
      ReplyFinal reply = ask(ws);
      assertThat(reply.source()).isEqualTo("fallback");
      assertThat(reply.text()).isEqualTo("Sorry, I can't answer that offline.");
      TurnDone done = (TurnDone) ws.messages().stream().filter(TurnDone.class::isInstance).findFirst().orElseThrow();
      assertThat(done.millis("first_audio_ms")).isLessThan(3_000.0);
      assertThat((System.nanoTime() - start) / 1e6).isGreaterThan(1_900.0);
      assertThat(brainLog.list).extracting(ILoggingEvent::getFormattedMessage)
          .contains("openai could not answer (waiting for the first words timed out after 2000 ms); fallback answered instead");
    } finally {
      hearth.close();
    }
  }

  /** Regression: keep-alive comments and empty deltas kept restarting the wait for the first words, past the deadline. */
  @Test
  void anOpenAiThatKeepsTheStreamAliveWithoutWordsIsSkippedWithinTheDeadline() throws Exception {
    fake.emptyDeltasFor(15_000);
    Hearth hearth = TestServers.start(data, online("brain.deadline_millis", "3000", "openai.timeout_millis", "2000"));
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ReplyFinal reply = ask(ws);
      assertThat(reply.source()).isEqualTo("fallback");
      TurnDone done = (TurnDone) ws.messages().stream().filter(TurnDone.class::isInstance).findFirst().orElseThrow();
      assertThat(done.millis("first_audio_ms")).isLessThan(3_000.0);
      assertThat(brainLog.list).extracting(ILoggingEvent::getFormattedMessage)
          .contains("openai could not answer (waiting for the first words timed out after 2000 ms); fallback answered instead");
    } finally {
      hearth.close();
    }
  }

  @Test
  void theDailyBudgetCapsOpenAiTurnsAndARestartDoesNotResetIt() throws Exception {
    Map<String, String> settings = online("openai.daily_turns", "1");
    Hearth hearth = TestServers.start(data, settings);
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      assertThat(ask(ws).source()).isEqualTo("openai");
      ReplyFinal refused = ask(ws);
      assertThat(refused.source()).isEqualTo("fallback");
      // online, so not "I can't answer that offline": when to try again, and the budget's own sentence for the page
      assertThat(refused.text()).isEqualTo("Not right now. Try again tomorrow.");
      assertThat(refused.detail()).isEqualTo("Today's OpenAI budget of 1 turns is used up; it starts again at midnight.");
      assertThat(brainLog.list).extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(m -> m.startsWith("openai could not answer (Today's OpenAI budget of 1 turns is used up"));
    } finally {
      hearth.close();
    }
    Hearth again = TestServers.start(data, settings);
    try (WsTestClient ws = WsTestClient.connect(again.port())) {
      JsonNode status = json.readTree(TestServers.get(again.port(), "/api/status").body());
      assertThat(status.path("openai").path("budget").path("turns_used").asInt()).isEqualTo(1);
      assertThat(status.path("capabilities").path("openai_text").path("available").asBoolean()).isFalse();
      assertThat(ask(ws).source()).isEqualTo("fallback");
      assertThat(fake.received("/chat/completions")).hasSize(1);
    } finally {
      again.close();
    }
  }

  @Test
  void oneClientOverItsRateIsAnsweredOffline() throws Exception {
    Hearth hearth = TestServers.start(data, online("openai.client_requests_per_minute", "1"));
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      assertThat(ask(ws).source()).isEqualTo("openai");
      ReplyFinal refused = ask(ws);
      assertThat(refused.source()).isEqualTo("fallback");
      assertThat(refused.text()).isEqualTo("Not right now. Try again in a minute.");
      assertThat(refused.detail())
          .isEqualTo("Too many requests from this device: at most 1 a minute go to OpenAI.");
      assertThat(brainLog.list).extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(m -> m.contains("Too many requests from this device: at most 1 a minute go to OpenAI."));
    } finally {
      hearth.close();
    }
  }

  private static HttpResponse<String> v1Chat(Hearth hearth, boolean stream) throws Exception {
    String body = "{\"model\":\"gpt-4o-mini\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"what is the capital of france\"}]}";
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hearth.port() + "/v1/chat/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A /v1 chat that Hearth's OpenAI would have answered but a cap refused is refused as OpenAI refuses: 429. */
  @Test
  void aV1ChatThatOpenAiWouldAnswerIsRefusedWith429WhenACapRefuses() throws Exception {
    Hearth hearth = TestServers.start(data, online("openai.client_requests_per_minute", "1"));
    try {
      HttpResponse<String> first = v1Chat(hearth, false);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("x-hearth-source")).hasValue("openai");

      HttpResponse<String> limited = v1Chat(hearth, true);
      assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      JsonNode error = json.readTree(limited.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(error.path("type").asText()).isEqualTo("requests");
      assertThat(error.path("message").asText()).isEqualTo("Too many requests from this device: at most 1 a minute go to OpenAI.");
      assertThat(error.has("param")).isTrue();
      assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
      assertThat(limited.headers().firstValue("x-should-retry")).isEmpty();
      // a question the skills answer is not OpenAI's to refuse
      HttpResponse<String> skill = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + hearth.port() + "/v1/chat/completions")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"x\",\"messages\":[{\"role\":\"user\","
              + "\"content\":\"what is twelve times seven\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(skill.statusCode()).isEqualTo(200);
      assertThat(fake.received("/chat/completions")).hasSize(1);
    } finally {
      hearth.close();
    }
  }

  @Test
  void aV1ChatOverTheDailyBudgetIsRefusedAsInsufficientQuotaNotToBeRetried() throws Exception {
    Hearth hearth = TestServers.start(data, online("openai.daily_turns", "0"));
    try {
      HttpResponse<String> refused = v1Chat(hearth, false);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
      JsonNode error = json.readTree(refused.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("insufficient_quota");
      assertThat(error.path("message").asText()).startsWith("Today's OpenAI budget of 0 turns is used up");
      assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 86_400L);
      assertThat(refused.headers().firstValue("x-should-retry")).hasValue("false");
      assertThat(fake.received("/chat/completions")).isEmpty();
    } finally {
      hearth.close();
    }
  }

  @Test
  void statusSaysWhatIsAvailableAndTheKeyAppearsInNoAnswer() throws Exception {
    Hearth offline = TestServers.start(data.resolve("offline"), TestServers.TEXT_ONLY);
    try {
      JsonNode status = json.readTree(TestServers.get(offline.port(), "/api/status").body());
      assertThat(status.path("capabilities").path("offline_skills").path("available").asBoolean()).isTrue();
      for (String online : List.of("openai_text", "openai_audio", "live_mode")) {
        assertThat(status.path("capabilities").path(online).path("available").asBoolean()).as(online).isFalse();
        assertThat(status.path("capabilities").path(online).path("configured").asBoolean()).as(online).isFalse();
      }
      assertThat(status.has("openai")).isFalse();
    } finally {
      offline.close();
    }

    Hearth hearth = TestServers.start(data, online("openai.probe_interval_seconds", "60"));
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ask(ws);
      JsonNode status = json.readTree(TestServers.get(hearth.port(), "/api/status").body());
      assertThat(status.path("capabilities").path("openai_text").path("available").asBoolean()).isTrue();
      assertThat(status.path("capabilities").path("live_mode").path("available").asBoolean()).isTrue();
      assertThat(status.path("openai").path("connectivity").path("state").asText()).isEqualTo("reachable");
      assertThat(fake.received("/models")).isNotEmpty();

      fake.fail(401, "invalid_api_key"); // OpenAI's message quotes the key it was sent
      ask(ws);
      JsonNode refused = json.readTree(TestServers.get(hearth.port(), "/api/status").body());
      assertThat(refused.path("openai").path("connectivity").path("state").asText()).isEqualTo("key_rejected");
      assertThat(refused.path("capabilities").path("openai_text").path("available").asBoolean()).isFalse();

      String everything = String.join("\n", TestServers.get(hearth.port(), "/api/status").body(),
          TestServers.get(hearth.port(), "/api/health").body(), TestServers.get(hearth.port(), "/api/conversations").body(),
          TestServers.get(hearth.port(), "/").body(), TestServers.get(hearth.port(), "/app.js").body(),
          ws.messages().toString());
      assertThat(everything).doesNotContain(FakeOpenAi.KEY).doesNotContain(FakeOpenAi.KEY.substring(8));
    } finally {
      hearth.close();
    }
  }
}
