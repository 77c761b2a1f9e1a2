package dev.hearth.openai;

import dev.hearth.brain.Refusal;
import dev.hearth.config.OpenAiConfig;
import dev.hearth.store.StoreExecutor;
import dev.hearth.store.UsageStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps what OpenAI costs, for everything that spends money on it (fallback turns, audio messages, live sessions):
 * requests per minute from one client and from all together, and daily budgets of turns and of live seconds. The
 * day's totals live in SQLite ({@code usage}), so a restart does not reset them; checks are in memory and
 * thread-safe, and the writes go to the store thread.
 */
public final class Spending {
  private static final Logger log = LoggerFactory.getLogger(Spending.class);
  private static final long WINDOW_MILLIS = 60_000;

  /** What is budgeted per day, by its name in the {@code usage} table. */
  public enum Budget {
    TURNS("openai_turns"), LIVE_SECONDS("openai_live_seconds");

    final String kind;

    Budget(String kind) {
      this.kind = kind;
    }
  }

  /** Why a request was refused: {@code rate_limited} or {@code budget_exceeded}, a sentence for people, and when to retry. */
  public record Denial(String code, String message, long retryAfterSeconds) {}

  private final OpenAiConfig config;
  private final StoreExecutor<UsageStore> store;
  private final Clock clock;
  private final ZoneId zone;
  private final Map<String, Deque<Long>> perClient = new HashMap<>();
  private final Deque<Long> everyone = new ArrayDeque<>();
  private final Map<Budget, Long> usedToday = new HashMap<>();
  private LocalDate today;

  /** Reads today's totals from the store (blocking: call at start-up). */
  public Spending(OpenAiConfig config, StoreExecutor<UsageStore> store, Clock clock, ZoneId zone) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.zone = zone;
    this.today = LocalDate.ofInstant(clock.instant(), zone);
    String day = today.toString();
    for (Budget b : Budget.values()) usedToday.put(b, store.submit(s -> s.usage(day, b.kind)).join());
  }

  /**
   * Counts one request from {@code client} that spends {@code amount} of {@code budget}, or refuses it (and counts
   * nothing) when a rate or the day's budget would be exceeded.
   */
  public synchronized Optional<Denial> take(String client, Budget budget, long amount) {
    long now = clock.millis();
    rollOver();
    Deque<Long> mine = perClient.computeIfAbsent(client, c -> new ArrayDeque<>());
    prune(mine, now);
    prune(everyone, now);
    if (mine.size() >= config.clientRequestsPerMinute()) {
      return Optional.of(new Denial(Refusal.RATE_LIMITED, "Too many requests from this device: at most "
          + config.clientRequestsPerMinute() + " a minute go to OpenAI.", retryAfter(mine, now)));
    }
    if (everyone.size() >= config.requestsPerMinute()) {
      return Optional.of(new Denial(Refusal.RATE_LIMITED, "Too many requests to OpenAI from this house: at most "
          + config.requestsPerMinute() + " a minute.", retryAfter(everyone, now)));
    }
    long limit = limit(budget);
    long used = usedToday.get(budget);
    if (used + amount > limit) {
      String what = budget == Budget.TURNS ? limit + " turns" : limit / 60 + " minutes of live mode";
      return Optional.of(new Denial(Refusal.BUDGET_EXCEEDED, "Today's OpenAI budget of " + what
          + " is used up; it starts again at midnight.", secondsToMidnight()));
    }
    mine.addLast(now);
    everyone.addLast(now);
    usedToday.put(budget, used + amount);
    record(budget, amount);
    return Optional.empty();
  }

  /** Gives back what a request did not use (a live session that ended early). */
  public synchronized void refund(Budget budget, long amount) {
    if (amount <= 0) return;
    rollOver();
    usedToday.put(budget, Math.max(0, usedToday.get(budget) - amount));
    record(budget, -amount);
  }

  /** Today's use and the limits, for {@code /api/status}. */
  public synchronized Map<String, Object> report() {
    rollOver();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("day", today.toString());
    m.put("turns_used", usedToday.get(Budget.TURNS));
    m.put("turns_limit", limit(Budget.TURNS));
    m.put("live_seconds_used", usedToday.get(Budget.LIVE_SECONDS));
    m.put("live_seconds_limit", limit(Budget.LIVE_SECONDS));
    return m;
  }

  /** Whether the day's budget still has room for {@code amount}. */
  public synchronized boolean hasRoom(Budget budget, long amount) {
    rollOver();
    return usedToday.get(budget) + amount <= limit(budget);
  }

  /** How much of the day's {@code budget} is left. */
  public synchronized long room(Budget budget) {
    rollOver();
    return Math.max(0, limit(budget) - usedToday.get(budget));
  }

  private long limit(Budget budget) {
    return budget == Budget.TURNS ? config.dailyTurns() : config.dailyLiveMinutes() * 60L;
  }

  private void record(Budget budget, long amount) {
    String day = today.toString();
    store.submit(s -> s.addUsage(day, budget.kind, amount))
        .exceptionally(e -> {
          log.warn("Could not record OpenAI usage: {}", e.getMessage());
          return 0L;
        });
  }

  private void rollOver() {
    LocalDate now = LocalDate.ofInstant(clock.instant(), zone);
    if (!now.equals(today)) {
      today = now;
      for (Budget b : Budget.values()) usedToday.put(b, 0L);
    }
  }

  private static void prune(Deque<Long> times, long now) {
    while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) times.removeFirst();
  }

  private static long retryAfter(Deque<Long> times, long now) {
    return Math.max(1, (times.peekFirst() + WINDOW_MILLIS - now + 999) / 1000);
  }

  private long secondsToMidnight() {
    var midnight = today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    return Math.max(1, (midnight - clock.millis()) / 1000);
  }
}
