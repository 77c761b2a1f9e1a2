package dev.hearth.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.gpio.LineEvent;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The event loop on its own thread, over a fake line: edges reach the gestures, ticks fire the long press. */
class ButtonLoopTest {
  private final FakeInputLine line = new FakeInputLine();
  private final ButtonGesturesTest.FakeTurn turn = new ButtonGesturesTest.FakeTurn();
  /** What the next requests of the line give, in order: a line, or a failure to throw. */
  private final Queue<Object> reopened = new ConcurrentLinkedQueue<>();
  private final List<Boolean> faults = new CopyOnWriteArrayList<>();

  private ButtonLoop loop(ButtonGestures gestures) {
    return new ButtonLoop(line, () -> {
      Object next = reopened.poll();
      if (next == null) throw new IllegalStateException("no line to give");
      if (next instanceof RuntimeException e) throw e;
      return (FakeInputLine) next;
    }, gestures, System::nanoTime, faults::add);
  }

  private static final long MS = 1_000_000L;

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 5 s");
      Thread.sleep(5);
    }
  }

  @Test
  void edgesBecomeTurnsAndAHeldSilentButtonANewConversation() throws Exception {
    try (ButtonLoop loop = loop(new ButtonGestures(turn, 200, 10, false)).start()) {
      line.press();
      await(() -> turn.calls.size() == 2);
      assertThat(turn.calls).containsExactly("listen", "newConversation"); // held 200 ms, nothing said
      line.release();
      line.press();
      turn.heardSpeech = true;
      line.release();
      await(() -> turn.calls.size() == 4);
      assertThat(turn.calls).containsExactly("listen", "newConversation", "listen", "answer");
      assertThat(loop.alive()).isTrue();
    }
    assertThat(line.closed).isTrue();
  }

  /**
   * libgpiod v1 (software debounce): bounces were timed when they were read, so those queued behind a slow turn start
   * (the microphone opening) were read more than the window after the press and taken for a release.
   */
  @Test
  void bouncesReadLateAreStillBounces() throws Exception {
    line.kernelDebounced = false;
    line.oneEventPerWait = true;
    ButtonGesturesTest.FakeTurn slow = new ButtonGesturesTest.FakeTurn() {
      @Override public void listen() {
        super.listen();
        sleep(60);
      }
    };
    ButtonGestures gestures = new ButtonGestures(slow, 2000, 10, !line.kernelDebounced());
    try (ButtonLoop loop = loop(gestures).start()) {
      long t = System.nanoTime();
      line.edge(true, t);
      line.edge(false, t + 2 * MS);
      line.edge(true, t + 4 * MS);
      await(() -> line.reads > 0 && line.waits > 6); // the bounces were read, and the line's level after the window
      assertThat(slow.calls).containsExactly("listen");
      assertThat(gestures.pressed()).isTrue();
    }
  }

  /** libgpiod v1: a glitch shorter than the window (its release a "bounce") once left the button pressed for good. */
  @Test
  void aGlitchShorterThanTheWindowEndsReleased() throws Exception {
    line.kernelDebounced = false;
    ButtonGestures gestures = new ButtonGestures(turn, 2000, 10, !line.kernelDebounced());
    try (ButtonLoop loop = loop(gestures).start()) {
      long t = System.nanoTime();
      line.edge(true, t);
      line.edge(false, t + 3 * MS);
      await(() -> turn.calls.size() == 2);
      assertThat(turn.calls).containsExactly("listen", "answer");
      assertThat(gestures.pressed()).isFalse();
    }
  }

  @Test
  void anEdgeStampedByAnotherClockIsTimedByItsArrival() {
    long now = 5_000_000_000L;
    assertThat(ButtonLoop.edgeNanos(new LineEvent(true, now - 3 * MS), now)).isEqualTo(now - 3 * MS);
    long wallClock = 1_763_000_000_000_000_000L; // CLOCK_REALTIME, as kernels before 5.7 stamped v1 events
    assertThat(ButtonLoop.edgeNanos(new LineEvent(true, wallClock), now)).isEqualTo(now);
  }

  @Test
  void closingStopsTheThreadBeforeTheLineIsReleased() throws Exception {
    ButtonLoop loop = loop(new ButtonGestures(turn, 2000, 10, false)).start();
    await(() -> line.waits > 2);
    loop.close();
    assertThat(loop.alive()).isFalse();
    assertThat(line.closed).isTrue();
  }

  @Test
  void aTurnThatThrowsDoesNotTakeTheButtonWithIt() throws Exception {
    ButtonGesturesTest.FakeTurn failing = new ButtonGesturesTest.FakeTurn() {
      @Override public void listen() {
        super.listen();
        throw new IllegalStateException("the session is closed");
      }
    };
    try (ButtonLoop loop = loop(new ButtonGestures(failing, 2000, 10, false)).start()) {
      line.press();
      line.release();
      await(() -> failing.calls.size() == 2);
      assertThat(failing.calls).containsExactly("listen", "answer");
      assertThat(loop.alive()).isTrue();
    }
  }

  /**
   * A line that failed ended the loop with one log line, and the process ran on without a button. Now the press in
   * progress ends as a release, the lights show the fault, and the line is requested again with backoff.
   */
  @Test
  void aFailingLineIsRequestedAgainWithTheFaultShownMeanwhile() throws Exception {
    FakeInputLine again = new FakeInputLine();
    reopened.add(new FakeInputLine.FakeGpioFailure()); // the chip is not back at the first try
    reopened.add(again);
    ButtonGestures gestures = new ButtonGestures(turn, 2000, 10, false);
    try (ButtonLoop loop = loop(gestures).start()) {
      line.press();
      await(() -> turn.calls.size() == 1);
      long failedAt = System.nanoTime();
      line.failNextWait = true;
      await(() -> faults.size() == 1);
      assertThat(faults).containsExactly(true);
      assertThat(turn.calls).containsExactly("listen", "answer"); // the press in progress ended
      assertThat(line.closed).isTrue();
      await(() -> faults.size() == 2);
      assertThat(faults).containsExactly(true, false);
      // two waits: 0.5 s, then 1 s after the failed try
      assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
      assertThat(reopened).isEmpty();
      again.press();
      await(() -> turn.calls.size() == 3);
      assertThat(turn.calls).containsExactly("listen", "answer", "listen");
      assertThat(loop.alive()).isTrue();
    }
    assertThat(again.closed).isTrue();
  }

  @Test
  void aLineHeldDownWhenItComesBackIsAPress() throws Exception {
    FakeInputLine again = new FakeInputLine();
    again.level = true;
    reopened.add(again);
    try (ButtonLoop loop = loop(new ButtonGestures(turn, 2000, 10, false)).start()) {
      line.failNextWait = true;
      await(() -> faults.size() == 2);
      assertThat(turn.calls).containsExactly("listen");
    }
  }

  @Test
  void closingWhileTheLineIsBeingRequestedAgainIsPrompt() throws Exception {
    ButtonLoop loop = loop(new ButtonGestures(turn, 2000, 10, false)).start();
    line.failNextWait = true;
    await(() -> faults.size() == 1);
    long closingAt = System.nanoTime();
    loop.close();
    assertThat(Duration.ofNanos(System.nanoTime() - closingAt)).isLessThan(Duration.ofMillis(400));
    assertThat(loop.alive()).isFalse();
    assertThat(faults).containsExactly(true);
  }
}
