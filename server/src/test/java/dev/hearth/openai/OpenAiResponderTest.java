package dev.hearth.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.ResponderUnavailable;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.OpenAiConfig;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.timer.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The fallback brain against the fake OpenAI, on a clock the test moves. */
class OpenAiResponderTest {
  @TempDir
  Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private FakeOpenAi fake;
  private StoreThread store;

  @BeforeEach
  void start() throws Exception {
    fake = FakeOpenAi.start();
    store = new StoreThread(SqliteStore.open(dir.resolve("OpenAiResponderTest.db")));
  }

  @AfterEach
  void stop() {
    store.close();
    fake.close();
  }

  private OpenAiResponder responder(String... more) {
    var config = config(more);
    return responder(config, new Spending(config, store.usage(), clock, ZoneOffset.UTC));
  }

  private OpenAiResponder responder(OpenAiConfig config, Spending spending) {
    OpenAiClient client = new OpenAiClient(config.baseUrl(), config.apiKey(), new Connectivity(clock));
    return new OpenAiResponder(client, config, spending, "Be brief.");
  }

  private OpenAiConfig config(String... more) {
    Map<String, String> settings = new HashMap<>(Map.of("openai.api_key", FakeOpenAi.KEY, "openai.base_url", fake.baseUrl(),
        "openai.timeout_millis", "2000"));
    for (int i = 0; i < more.length; i += 2) settings.put(more[i], more[i + 1]);
    return HearthConfig.of(settings).openai();
  }

  private static BrainRequest ask(String text) {
    return new BrainRequest(text, "c1", List.of(), ZonedDateTime.parse("2026-03-01T10:00:00Z"), () -> false, "10.0.0.7",
        System.nanoTime() + 8_000_000_000L, null);
  }

  /** Regression: max_tokens went to api.openai.com too, where reasoning models refuse it. */
  @Test
  void openAiItselfIsSentMaxCompletionTokensAndOtherServersMaxTokens() {
    OpenAiResponder openai = responder("openai.base_url", "https://api.openai.com/v1", "openai.max_tokens", "120");
    assertThat(openai.body(ask("hello")).path("max_completion_tokens").asInt()).isEqualTo(120);
    assertThat(openai.body(ask("hello")).has("max_tokens")).isFalse();
    assertThat(openai.audioBody(heard()).path("max_completion_tokens").asInt()).isEqualTo(120);

    OpenAiResponder compatible = responder("openai.base_url", "http://gpu-box.lan:8000/v1", "openai.max_tokens", "120");
    assertThat(compatible.body(ask("hello")).path("max_tokens").asInt()).isEqualTo(120);
    assertThat(compatible.body(ask("hello")).has("max_completion_tokens")).isFalse();
    assertThat(compatible.audioBody(heard()).path("max_tokens").asInt()).isEqualTo(120);
  }

  private static BrainRequest heard() {
    return new BrainRequest("hello", "c1", List.of(), ZonedDateTime.parse("2026-03-01T10:00:00Z"), () -> false, "10.0.0.7",
        System.nanoTime() + 8_000_000_000L, new AudioChunk(AudioFormat.STT, new byte[16_000 * 2]));
  }

  /** Regression: an answer cut off after it began speaking ended with an apology, and the log said nothing. */
  @Test
  void anAnswerCutOffMidwayEndsWithAnApologyAndOneWarningNamingOpenAiAndTheReason() throws Exception {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger logger = (Logger) LoggerFactory.getLogger(OpenAiResponder.class);
    logger.addAppender(logged);
    try {
      fake.errorMidStream();
      List<String> deltas = new ArrayList<>();
      Reply reply = responder().respond(ask("what is the capital of france"), deltas::add).orElseThrow();
      assertThat(reply.text()).isEqualTo("Paris is Sorry, the answer was cut off.");
      assertThat(reply.source()).isEqualTo("openai");
      assertThat(String.join("", deltas)).isEqualTo("Paris is  Sorry, the answer was cut off.");
      assertThat(logged.list).hasSize(1);
      assertThat(logged.list.get(0).getLevel()).isEqualTo(Level.WARN);
      assertThat(logged.list.get(0).getFormattedMessage()).isEqualTo("openai's answer was cut off after 9 characters "
          + "(stream error server_error: The server had an error while processing your request.)");
    } finally {
      logger.detachAppender(logged);
    }
  }

  /** Regression: with the probe off (openai.probe_interval_seconds=0), one 401 turned OpenAI off until a restart. */
  @Test
  void aRefusedKeyIsNotAskedForAMinuteThenAskedAgain() throws Exception {
    OpenAiResponder openai = responder();
    fake.fail(401, "invalid_api_key");
    assertThatThrownBy(() -> openai.respond(ask("what is the capital of france"), d -> {}))
        .isInstanceOf(ResponderUnavailable.class).hasMessageStartingWith("HTTP 401 invalid_api_key");
    fake.normal(); // the key works again (billing sorted out, say)
    assertThatThrownBy(() -> openai.respond(ask("what is the capital of france"), d -> {}))
        .isInstanceOf(ResponderUnavailable.class).hasMessage("OpenAI refused the key less than a minute ago");
    assertThat(fake.received("/chat/completions")).hasSize(1);

    clock.advance(Duration.ofSeconds(61));
    Reply reply = openai.respond(ask("what is the capital of france"), d -> {}).orElseThrow();
    assertThat(reply.text()).isEqualTo("Paris is the capital of France. It sits on the Seine.");
    assertThat(fake.received("/chat/completions")).hasSize(2);
  }

  /**
   * Issue 15: failed OpenAI attempts counted as used turns, so a bad hour at OpenAI used up the day's budget. Only
   * answered turns count now: a failed, timed-out or refused attempt gives its turn back.
   */
  @Test
  void onlyAnsweredTurnsCountAgainstTheDailyBudget() throws Exception {
    OpenAiConfig config = config("openai.daily_turns", "2", "openai.timeout_millis", "1000");
    Spending spending = new Spending(config, store.usage(), clock, ZoneOffset.UTC);
    OpenAiResponder openai = responder(config, spending);
    fake.fail(500, "server_error");
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> openai.respond(ask("what is the capital of france"), d -> {}))
          .isInstanceOf(ResponderUnavailable.class);
    }
    fake.normal().hang(); // a timeout
    assertThatThrownBy(() -> openai.respond(ask("what is the capital of france"), d -> {}))
        .isInstanceOf(ResponderUnavailable.class);
    assertThat(spending.report()).containsEntry("turns_used", 0L);
    assertThat(store.usage().submit(s -> s.usage("2026-03-01", "openai_turns")).join()).isZero(); // the refunds are stored too

    fake.normal();
    for (int i = 0; i < 2; i++) {
      assertThat(openai.respond(ask("what is the capital of france"), d -> {}).orElseThrow().text())
          .isEqualTo("Paris is the capital of France. It sits on the Seine.");
    }
    assertThat(spending.report()).containsEntry("turns_used", 2L);
    assertThatThrownBy(() -> openai.respond(ask("what is the capital of france"), d -> {}))
        .isInstanceOf(ResponderUnavailable.class).hasMessageContaining("budget of 2 turns is used up");
  }
}
