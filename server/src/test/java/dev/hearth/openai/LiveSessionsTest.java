package dev.hearth.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.HearthConfig;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.timer.ManualScheduler;
import dev.hearth.timer.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live sessions' reservations on a clock the test moves, against the fake OpenAI and a real SQLite file. */
class LiveSessionsTest {
  @TempDir
  Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private FakeOpenAi fake;
  private StoreThread store;
  private OpenAi openai;

  @BeforeEach
  void start() throws Exception {
    fake = FakeOpenAi.start();
    store = new StoreThread(SqliteStore.open(dir.resolve("LiveSessionsTest.db")));
  }

  @AfterEach
  void stop() {
    store.close();
    fake.close();
  }

  private LiveSessions sessions(String... more) {
    Map<String, String> settings = new HashMap<>(Map.of("openai.api_key", FakeOpenAi.KEY, "openai.base_url", fake.baseUrl(),
        "openai.probe_interval_seconds", "0", "openai.daily_live_minutes", "60", "openai.live_max_seconds", "600"));
    for (int i = 0; i < more.length; i += 2) settings.put(more[i], more[i + 1]);
    openai = OpenAi.start(HearthConfig.of(settings).openai(), store.usage(), clock, ZoneOffset.UTC, scheduler);
    return new LiveSessions(openai, "Be brief.", clock, scheduler);
  }

  private long reserved() {
    return (Long) openai.spending().report().get("live_seconds_used");
  }

  private void advance(Duration d) {
    clock.advance(d);
    scheduler.runDue();
  }

  /** Issue 15: a session whose call never started kept its 600 s reservation for 90 s. */
  @Test
  void aReservationWhoseCallDoesNotStartWithinThirtySecondsComesBack() {
    LiveSessions live = sessions();
    String id = (String) live.open("10.0.0.1", "c1").join().get("live_id");
    assertThat(reserved()).isEqualTo(600);
    advance(Duration.ofSeconds(29));
    assertThat(reserved()).isEqualTo(600);
    advance(Duration.ofSeconds(1));
    assertThat(reserved()).isZero();
    assertThat(live.find(id)).get().matches(LiveSessions.Live::ended);
  }

  @Test
  void theStartWindowIsASetting() {
    LiveSessions live = sessions("openai.live_start_timeout_millis", "10000");
    live.open("10.0.0.1", "c1").join();
    advance(Duration.ofSeconds(10));
    assertThat(reserved()).isZero();
  }

  /** Issue 15: one device could reserve the whole day's live budget by opening sessions it never started. */
  @Test
  void aClientWithTwoSessionsWaitingIsToldWhenToRetryWhileOthersStillGetOne() {
    LiveSessions live = sessions();
    live.open("10.0.0.1", "c1").join();
    advance(Duration.ofSeconds(10));
    live.open("10.0.0.1", "c1").join();
    CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> live.open("10.0.0.1", "c1").join());
    assertThat(refused.getCause()).isInstanceOfSatisfying(LiveSessions.Refused.class, r -> {
      assertThat(r.status()).isEqualTo(429);
      assertThat(r.code()).isEqualTo("too_many_pending");
      assertThat(r.retryAfterSeconds()).isEqualTo(20); // when the older one expires
    });
    assertThat(reserved()).isEqualTo(1200); // the refusal reserved nothing
    live.open("10.0.0.2", "c2").join();
    assertThat(reserved()).isEqualTo(1800);

    advance(Duration.ofSeconds(20)); // the first expires
    live.open("10.0.0.1", "c1").join();
    assertThat(reserved()).isEqualTo(1800);
  }

  @Test
  void aSessionWhoseCallStartedIsNoLongerWaitingAndKeepsItsReservationPastTheWindow() {
    LiveSessions live = sessions("openai.live_pending_per_client", "1");
    String id = (String) live.open("10.0.0.1", "c1").join().get("live_id");
    live.relayOffer(id, LiveModeTest.OFFER).join();
    live.open("10.0.0.1", "c1").join(); // the first no longer waits for its call
    advance(Duration.ofSeconds(60));
    assertThat(live.find(id)).get().matches(l -> !l.ended());
    assertThat(reserved()).isEqualTo(600); // the second expired and gave its reservation back
  }
}
