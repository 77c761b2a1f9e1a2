package dev.hearth.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.Refusal;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.OpenAiConfig;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.timer.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rates and daily budgets on what OpenAI costs, on a clock the test moves and a real SQLite file. */
class SpendingTest {
  /** 23:59:30 in Berlin (UTC+1 in March): the day turns over in 30 s there, not at UTC's midnight. */
  private static final Instant BEFORE_MIDNIGHT = Instant.parse("2026-03-01T22:59:30Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  @TempDir
  Path dir;
  private final MutableClock clock = new MutableClock(BEFORE_MIDNIGHT.minus(Duration.ofHours(2)));
  private StoreThread store;

  @BeforeEach
  void open() {
    store = new StoreThread(SqliteStore.open(dir.resolve("SpendingTest.db")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static OpenAiConfig config(String... settings) {
    Map<String, String> values = new HashMap<>(Map.of("openai.api_key", FakeOpenAi.KEY));
    for (int i = 0; i < settings.length; i += 2) values.put(settings[i], settings[i + 1]);
    return HearthConfig.of(values).openai();
  }

  private Spending spending(String... settings) {
    return new Spending(config(settings), store.usage(), clock, ZONE);
  }

  private long stored(String day, Spending.Budget budget) {
    return store.usage().submit(s -> s.usage(day, budget.kind)).join();
  }

  @Test
  void theGlobalRateCountsEveryClientTogether() {
    Spending spending = spending("openai.requests_per_minute", "3", "openai.client_requests_per_minute", "10");
    assertThat(spending.take("10.0.0.1", Spending.Budget.TURNS, 1)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(spending.take("10.0.0.2", Spending.Budget.TURNS, 1)).isEmpty();
    assertThat(spending.take("10.0.0.3", Spending.Budget.TURNS, 1)).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    Optional<Spending.Denial> refused = spending.take("10.0.0.4", Spending.Budget.TURNS, 1);
    assertThat(refused).get().extracting(Spending.Denial::code).isEqualTo(Refusal.RATE_LIMITED);
    assertThat(refused.get().message()).isEqualTo("Too many requests to OpenAI from this house: at most 3 a minute.");
    assertThat(refused.get().retryAfterSeconds()).isEqualTo(45); // when the first of the three leaves the window
    assertThat(spending.report()).containsEntry("turns_used", 3L); // a refusal counts nothing
    clock.advance(Duration.ofSeconds(45));
    assertThat(spending.take("10.0.0.4", Spending.Budget.TURNS, 1)).isEmpty();
  }

  @Test
  void oneClientsWindowSlidesOverAMinute() {
    Spending spending = spending("openai.client_requests_per_minute", "2");
    assertThat(spending.take("10.0.0.1", Spending.Budget.TURNS, 1)).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    assertThat(spending.take("10.0.0.1", Spending.Budget.TURNS, 1)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    Optional<Spending.Denial> refused = spending.take("10.0.0.1", Spending.Budget.TURNS, 1);
    assertThat(refused.get().message()).isEqualTo("Too many requests from this device: at most 2 a minute go to OpenAI.");
    assertThat(refused.get().retryAfterSeconds()).isEqualTo(29);
    assertThat(spending.take("10.0.0.2", Spending.Budget.TURNS, 1)).isEmpty(); // another client has its own window
    clock.advance(Duration.ofMillis(28_999));
    assertThat(spending.take("10.0.0.1", Spending.Budget.TURNS, 1)).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(spending.take("10.0.0.1", Spending.Budget.TURNS, 1)).isEmpty(); // the first request is a minute old
  }

  @Test
  void theDaysBudgetEndsAtLocalMidnightAndTheNewDayStartsAtZero() {
    clock.advance(Duration.between(clock.instant(), BEFORE_MIDNIGHT));
    Spending spending = spending("openai.daily_turns", "2");
    assertThat(spending.take("10.0.0.1", Spending.Budget.TURNS, 1)).isEmpty();
    assertThat(spending.take("10.0.0.2", Spending.Budget.TURNS, 1)).isEmpty();
    Optional<Spending.Denial> refused = spending.take("10.0.0.3", Spending.Budget.TURNS, 1);
    assertThat(refused).get().extracting(Spending.Denial::code).isEqualTo(Refusal.BUDGET_EXCEEDED);
    assertThat(refused.get().message()).isEqualTo("Today's OpenAI budget of 2 turns is used up; it starts again at midnight.");
    assertThat(refused.get().retryAfterSeconds()).isEqualTo(30);
    assertThat(spending.hasRoom(Spending.Budget.TURNS, 1)).isFalse();

    clock.advance(Duration.ofSeconds(30));
    assertThat(spending.hasRoom(Spending.Budget.TURNS, 1)).isTrue();
    assertThat(spending.take("10.0.0.3", Spending.Budget.TURNS, 1)).isEmpty();
    assertThat(spending.report()).containsEntry("day", "2026-03-02").containsEntry("turns_used", 1L);
    assertThat(stored("2026-03-01", Spending.Budget.TURNS)).isEqualTo(2);
    assertThat(stored("2026-03-02", Spending.Budget.TURNS)).isEqualTo(1);
  }

  @Test
  void aRestartReadsTodaysTotalsAndARefundIsStoredToo() {
    Spending spending = spending("openai.daily_live_minutes", "20");
    assertThat(spending.take("10.0.0.1", Spending.Budget.LIVE_SECONDS, 600)).isEmpty();
    spending.refund(Spending.Budget.LIVE_SECONDS, 480);
    assertThat(spending.room(Spending.Budget.LIVE_SECONDS)).isEqualTo(1_080);

    Spending again = spending("openai.daily_live_minutes", "20");
    assertThat(again.report()).containsEntry("live_seconds_used", 120L).containsEntry("live_seconds_limit", 1_200L);
    assertThat(again.take("10.0.0.1", Spending.Budget.LIVE_SECONDS, 1_081)).isPresent();
    assertThat(again.take("10.0.0.1", Spending.Budget.LIVE_SECONDS, 1_080)).isEmpty();
  }
}
