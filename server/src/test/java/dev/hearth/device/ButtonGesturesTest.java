package dev.hearth.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Press, release, barge-in, long press and debounce, driven edge by edge with a hand-moved clock. */
class ButtonGesturesTest {
  private static final long MS = 1_000_000L;

  /** Records what the button asked of the turn; {@code answering} and {@code heardSpeech} are knobs. */
  static class FakeTurn implements ButtonGestures.Actions {
    final List<String> calls = new CopyOnWriteArrayList<>(); // the button loop's thread writes, the test reads
    volatile boolean answering;
    volatile boolean heardSpeech;

    @Override public void listen() { calls.add("listen"); }
    @Override public void answer() { calls.add("answer"); }
    @Override public void bargeIn() { calls.add("bargeIn"); }
    @Override public void newConversation() { calls.add("newConversation"); }
    @Override public boolean answering() { return answering; }
    @Override public boolean heardSpeech() { return heardSpeech; }
  }

  private final FakeTurn turn = new FakeTurn();
  private final ButtonGestures button = new ButtonGestures(turn, 2000, 10, true);

  @Test
  void pressListensAndReleaseAnswers() {
    button.edge(true, 0);
    turn.heardSpeech = true;
    button.tick(1500 * MS);
    button.edge(false, 1600 * MS);
    assertThat(turn.calls).containsExactly("listen", "answer");
  }

  @Test
  void pressingWhileTheAnswerPlaysStopsItAndListens() {
    turn.answering = true;
    button.edge(true, 0);
    assertThat(turn.calls).containsExactly("bargeIn", "listen");
  }

  @Test
  void aSilentLongPressStartsANewConversationAndItsReleaseIsNoTurn() {
    button.edge(true, 0);
    button.tick(1999 * MS);
    assertThat(turn.calls).containsExactly("listen");
    button.tick(2000 * MS);
    button.tick(2500 * MS);
    button.edge(false, 3000 * MS);
    assertThat(turn.calls).containsExactly("listen", "newConversation");
    button.edge(true, 4000 * MS); // the next press is an ordinary turn again
    button.edge(false, 5000 * MS);
    assertThat(turn.calls).containsExactly("listen", "newConversation", "listen", "answer");
  }

  @Test
  void speakingWhileHoldingIsATurnHoweverLong() {
    button.edge(true, 0);
    turn.heardSpeech = true;
    button.tick(9000 * MS);
    button.edge(false, 9500 * MS);
    assertThat(turn.calls).containsExactly("listen", "answer");
  }

  @Test
  void bouncesWithinTheDebouncePeriodAreIgnoredInSoftware() {
    button.edge(true, 0);
    button.edge(false, 2 * MS);
    button.edge(true, 4 * MS);
    button.edge(false, 500 * MS);
    button.edge(true, 503 * MS);
    assertThat(turn.calls).containsExactly("listen", "answer");
    assertThat(button.pressed()).isFalse();
  }

  /** A glitch shorter than the debounce window (pressed 3 ms) once left the button pressed for good: its release was a bounce. */
  @Test
  void aGlitchShorterThanTheWindowEndsAtTheLevelTheLineSettledAt() {
    button.edge(true, 0);
    button.edge(false, 3 * MS);
    assertThat(button.pressed()).isTrue();
    assertThat(button.levelDue(9 * MS)).isFalse();
    assertThat(button.nanosUntilLevelDue(4 * MS)).isEqualTo(6 * MS);
    assertThat(button.levelDue(10 * MS)).isTrue();
    button.level(false, 12 * MS);
    assertThat(button.pressed()).isFalse();
    assertThat(turn.calls).containsExactly("listen", "answer");
    // the settled level is an edge of its own, with a window of its own
    button.edge(true, 15 * MS);
    assertThat(turn.calls).containsExactly("listen", "answer");
    button.level(false, 22 * MS);
    assertThat(button.levelDue(100 * MS)).isFalse();
    assertThat(button.nanosUntilLevelDue(100 * MS)).isEqualTo(-1);
    assertThat(turn.calls).containsExactly("listen", "answer");
  }

  @Test
  void aBounceThatSettlesWhereItStartedChangesNothing() {
    button.edge(true, 0);
    button.edge(false, 2 * MS);
    button.edge(true, 4 * MS);
    assertThat(button.levelDue(10 * MS)).isTrue();
    button.level(true, 10 * MS);
    assertThat(button.levelDue(500 * MS)).isFalse();
    assertThat(turn.calls).containsExactly("listen");
    assertThat(button.pressed()).isTrue();
  }

  @Test
  void anEdgeOlderThanTheLastAcceptedOneIsIgnored() {
    button.edge(true, 0);
    button.level(false, 50 * MS); // read from the line: released
    button.edge(true, 30 * MS); // an edge from before that, read late
    assertThat(turn.calls).containsExactly("listen", "answer");
    assertThat(button.pressed()).isFalse();
  }

  @Test
  void theKernelsDebounceIsTrustedWhenItHasOne() {
    ButtonGestures kernelDebounced = new ButtonGestures(turn, 2000, 10, false);
    kernelDebounced.edge(true, 0);
    kernelDebounced.edge(false, 2 * MS);
    assertThat(turn.calls).containsExactly("listen", "answer");
    assertThat(kernelDebounced.levelDue(1000 * MS)).isFalse(); // nothing to read back
  }

  @Test
  void repeatedEdgesOfTheSameKindChangeNothing() {
    button.edge(true, 0);
    button.edge(true, 100 * MS);
    button.edge(false, 200 * MS);
    button.edge(false, 300 * MS);
    assertThat(turn.calls).containsExactly("listen", "answer");
  }

  @Test
  void aLongPressOfNoLengthIsRefused() {
    assertThatThrownBy(() -> new ButtonGestures(turn, 0, 10, true)).hasMessageContaining("long press");
  }
}
