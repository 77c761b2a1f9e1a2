package dev.hearth.button;

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

  @Test
  void theKernelsDebounceIsTrustedWhenItHasOne() {
    ButtonGestures kernelDebounced = new ButtonGestures(turn, 2000, 10, false);
    kernelDebounced.edge(true, 0);
    kernelDebounced.edge(false, 2 * MS);
    assertThat(turn.calls).containsExactly("listen", "answer");
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
