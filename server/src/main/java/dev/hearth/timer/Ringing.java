package dev.hearth.timer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is ringing now: timers that went off and alarms that are due. Each says its announcement at once and again
 * every {@code intervalMillis} until someone says "stop" ({@link #stopAll}) or {@code maxMillis} have passed, as a
 * kitchen timer or a bedside alarm does. Kept in memory: after a restart, only alarms that come due ring again.
 */
public final class Ringing implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ringing.class);

  /** Says a ring's announcement to whoever listens; called on the scheduler's thread, must not block for long. */
  @FunctionalInterface
  public interface Announcer {
    void announce(String kind, String id, String text, String conversationId);

    /** A ring that stopped: announcements of {@code id} still waiting to be said are dropped. */
    default void withdraw(String id) {}
  }

  /** One ringing timer ({@code kind} "timer") or alarm ("alarm"), and what it says. */
  public record Ring(String kind, String id, String text, String conversationId, long startedMillis) {}

  /** How often a ring says its announcement again. */
  public static final long INTERVAL_MILLIS = 15_000;
  /** How long a ring goes on with nobody saying stop, as a bedside alarm's auto-silence; also how late an alarm may ring. */
  public static final long LONGEST_MILLIS = 10 * 60_000;

  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Announcer announcer;
  private final long intervalMillis;
  private final long maxMillis;
  private final Map<String, Entry> ringing = new LinkedHashMap<>();

  private record Entry(Ring ring, ScheduledFuture<?> repeats) {}

  /** The scheduler is not owned: {@link #close()} stops the rings but does not shut it down. */
  public Ringing(ScheduledExecutorService scheduler, Clock clock, Announcer announcer, long intervalMillis,
      long maxMillis) {
    if (intervalMillis <= 0 || maxMillis < 0) throw new IllegalArgumentException("ring interval must be positive");
    this.scheduler = scheduler;
    this.clock = clock;
    this.announcer = announcer;
    this.intervalMillis = intervalMillis;
    this.maxMillis = maxMillis;
  }

  /** Starts ringing: announces {@code text} now and every interval until stopped or the longest ring has passed. */
  public void start(String kind, String id, String text, String conversationId) {
    Ring ring = new Ring(kind, id, text, conversationId, clock.millis());
    synchronized (this) {
      if (ringing.containsKey(id)) return;
      ScheduledFuture<?> repeats = scheduler.scheduleAtFixedRate(() -> again(ring), intervalMillis, intervalMillis,
          TimeUnit.MILLISECONDS);
      ringing.put(id, new Entry(ring, repeats));
    }
    announcer.announce(kind, id, text, conversationId);
  }

  /** Whatever is ringing now, oldest first. */
  public synchronized List<Ring> ringing() {
    return ringing.values().stream().map(Entry::ring).toList();
  }

  /** Stops every ring of {@code kind} ("timer", "alarm"), or every ring when null; returns those it stopped. */
  public List<Ring> stopAll(String kind) {
    List<Ring> stopped = new ArrayList<>();
    synchronized (this) {
      ringing.values().removeIf(e -> {
        if (kind != null && !e.ring().kind().equals(kind)) return false;
        e.repeats().cancel(false);
        stopped.add(e.ring());
        return true;
      });
    }
    for (Ring ring : stopped) announcer.withdraw(ring.id());
    if (!stopped.isEmpty()) log.info("Stopped ringing: {}", stopped.stream().map(Ring::id).toList());
    return stopped;
  }

  @Override
  public void close() {
    stopAll(null);
  }

  private void again(Ring ring) {
    if (clock.millis() - ring.startedMillis() >= maxMillis) {
      synchronized (this) {
        Entry entry = ringing.get(ring.id());
        if (entry == null || entry.ring() != ring) return;
        ringing.remove(ring.id());
        entry.repeats().cancel(false);
      }
      log.info("{} {} stopped ringing after {} s with nobody saying stop", ring.kind(), ring.id(), maxMillis / 1000);
      return;
    }
    synchronized (this) {
      if (!ringing.containsKey(ring.id())) return;
    }
    announcer.announce(ring.kind(), ring.id(), ring.text(), ring.conversationId());
  }
}
