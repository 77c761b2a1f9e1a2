package dev.hearth.button;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The event loop on its own thread, over a fake line: edges reach the gestures, ticks fire the long press. */
class ButtonLoopTest {
  private final FakeInputLine line = new FakeInputLine();
  private final ButtonGesturesTest.FakeTurn turn = new ButtonGesturesTest.FakeTurn();

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 5 s");
      Thread.sleep(5);
    }
  }

  @Test
  void edgesBecomeTurnsAndAHeldSilentButtonANewConversation() throws Exception {
    try (ButtonLoop loop = new ButtonLoop(line, new ButtonGestures(turn, 200, 10, false), System::nanoTime).start()) {
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

  @Test
  void closingStopsTheThreadBeforeTheLineIsReleased() throws Exception {
    ButtonLoop loop = new ButtonLoop(line, new ButtonGestures(turn, 2000, 10, false), System::nanoTime).start();
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
    try (ButtonLoop loop = new ButtonLoop(line, new ButtonGestures(failing, 2000, 10, false), System::nanoTime).start()) {
      line.press();
      line.release();
      await(() -> failing.calls.size() == 2);
      assertThat(failing.calls).containsExactly("listen", "answer");
      assertThat(loop.alive()).isTrue();
    }
  }

  @Test
  void aFailingLineEndsTheLoopWithoutAnUncaughtError() throws Exception {
    try (ButtonLoop loop = new ButtonLoop(line, new ButtonGestures(turn, 2000, 10, false), System::nanoTime).start()) {
      line.failNextWait = true;
      await(() -> !loop.alive());
      assertThat(turn.calls).isEqualTo(List.of());
    }
  }
}
