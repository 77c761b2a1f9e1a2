package dev.hearth.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RingingTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<String> said = new CopyOnWriteArrayList<>();
  private final List<String> withdrawn = new CopyOnWriteArrayList<>();
  private final Ringing.Announcer announcer = new Ringing.Announcer() {
    @Override
    public void announce(String kind, String id, String text, String conversationId) {
      said.add(kind + " " + id + ": " + text);
    }

    @Override
    public void withdraw(String id) {
      withdrawn.add(id);
    }
  };

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void aRingSaysItsAnnouncementAgainUntilStopped() throws Exception {
    Ringing ringing = new Ringing(scheduler, Clock.systemUTC(), announcer, 50, 60_000);
    ringing.start("timer", "tm_1", "Your pasta timer is done.", "c1");
    awaitSaid(3);
    assertThat(said).allMatch(s -> s.equals("timer tm_1: Your pasta timer is done."));
    assertThat(ringing.ringing()).extracting(Ringing.Ring::id).containsExactly("tm_1");

    assertThat(ringing.stopAll(null)).extracting(Ringing.Ring::id).containsExactly("tm_1");
    int after = said.size();
    Thread.sleep(200);
    assertThat(said).hasSizeLessThanOrEqualTo(after + 1); // a repeat already running may finish, none start
    assertThat(ringing.ringing()).isEmpty();
    assertThat(withdrawn).containsExactly("tm_1");
  }

  @Test
  void stoppingOneKindLeavesTheOtherRinging() throws Exception {
    Ringing ringing = new Ringing(scheduler, Clock.systemUTC(), announcer, 60_000, 60_000);
    ringing.start("timer", "tm_1", "Your timer is done.", "c1");
    ringing.start("alarm", "al_1", "It's 7:00 AM. Your alarm.", "c1");
    ringing.start("alarm", "al_1", "It's 7:00 AM. Your alarm.", "c1"); // the same ring twice rings once

    assertThat(ringing.stopAll("alarm")).extracting(Ringing.Ring::id).containsExactly("al_1");
    assertThat(ringing.ringing()).extracting(Ringing.Ring::id).containsExactly("tm_1");
    assertThat(said).hasSize(2);
  }

  @Test
  void aRingNobodyStopsEndsAfterTheLongestRing() throws Exception {
    Ringing ringing = new Ringing(scheduler, Clock.systemUTC(), announcer, 20, 100);
    ringing.start("alarm", "al_1", "It's 7:00 AM. Your alarm.", "c1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!ringing.ringing().isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(ringing.ringing()).isEmpty();
    int after = said.size();
    Thread.sleep(100);
    assertThat(said).hasSize(after);
  }

  private void awaitSaid(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (said.size() < n && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(said).hasSizeGreaterThanOrEqualTo(n);
  }
}
