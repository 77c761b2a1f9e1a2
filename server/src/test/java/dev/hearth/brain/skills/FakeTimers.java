package dev.hearth.brain.skills;

import dev.hearth.store.TimerInfo;
import dev.hearth.timer.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** In-memory {@link Timers} with a hand-driven clock (epoch ms); keeps every timer ever started for assertions. */
final class FakeTimers implements Timers {
  private final List<TimerInfo> timers = new ArrayList<>();
  private long nowMillis;
  private int nextId = 1;

  FakeTimers(long nowMillis) {
    this.nowMillis = nowMillis;
  }

  void advance(Duration duration) {
    nowMillis += duration.toMillis();
  }

  long nowMillis() {
    return nowMillis;
  }

  /** Every timer started, in start order, with its current state. */
  List<TimerInfo> all() {
    return List.copyOf(timers);
  }

  @Override
  public TimerInfo start(String conversationId, long durationMillis, String label) {
    TimerInfo timer = new TimerInfo("t" + nextId++, conversationId, label, durationMillis, nowMillis,
        nowMillis + durationMillis, TimerInfo.State.PENDING);
    timers.add(timer);
    return timer;
  }

  @Override
  public List<TimerInfo> active() {
    return timers.stream()
        .filter(t -> t.state() == TimerInfo.State.PENDING && t.dueAtMillis() > nowMillis)
        .sorted(Comparator.comparingLong(TimerInfo::dueAtMillis))
        .toList();
  }

  @Override
  public Optional<TimerInfo> cancel(String timerId) {
    for (int i = 0; i < timers.size(); i++) {
      TimerInfo t = timers.get(i);
      if (t.id().equals(timerId) && t.state() == TimerInfo.State.PENDING) {
        TimerInfo cancelled = new TimerInfo(t.id(), t.conversationId(), t.label(), t.durationMillis(),
            t.createdAtMillis(), t.dueAtMillis(), TimerInfo.State.CANCELLED);
        timers.set(i, cancelled);
        return Optional.of(cancelled);
      }
    }
    return Optional.empty();
  }
}
