package dev.hearth.timer;

import dev.hearth.store.TimerInfo;

/** Told when a timer goes off, so that the app can say so to whoever listens to that conversation. */
@FunctionalInterface
public interface TimerAnnouncer {

  /** Called once per fired timer, on the timer scheduler's thread; must not block for long. */
  void timerFired(TimerInfo timer, String announcementText);
}
