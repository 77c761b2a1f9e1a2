package dev.hearth.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioFormat;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.turn.TurnController.State;
import dev.hearth.turn.VoiceSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the device shows (the lights follow it) against what the session and the speaker are doing. */
class LocalClientFeedbackTest {
  /** A session whose state the test moves, as a TurnController or a RemoteSession would. */
  static final class FakeSession implements VoiceSession {
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    volatile State state = State.IDLE;

    void enter(State next) {
      state = next;
      for (Consumer<State> l : listeners) l.accept(next);
    }

    @Override public void start(AudioFormat format, String conversationId, String voice) { enter(State.LISTENING); }
    @Override public void audio(byte[] pcm) { }
    @Override public void stop() { enter(State.THINKING); }
    @Override public void cancel() { enter(State.IDLE); }
    @Override public State state() { return state; }
    @Override public void onStateChange(Consumer<State> listener) { listeners.add(listener); }
    @Override public void close() { enter(State.CLOSED); }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError(what + " did not happen within 5 s");
      Thread.sleep(5);
    }
  }

  private final FakeSession session = new FakeSession();
  private final FakeLines.Speaker speakerLine = new FakeLines.Speaker();
  private final List<State> shown = new CopyOnWriteArrayList<>();

  private LocalClient client() {
    LocalClient client = new LocalClient(link -> session, new Microphone(new FakeLines.Microphone(new byte[0]), "fake mic",
        AudioFormat.pcm16(16_000, 1)), new Speaker(speakerLine, "fake speaker"), () -> { });
    client.onStateChange(shown::add);
    return client;
  }

  /**
   * The session goes IDLE once it has sent the last of the answer, while the speaker still has it to play: the
   * "speaking" light went out mid-sentence. Now SPEAKING lasts until the speaker has played the answer out.
   */
  @Test
  void speakingLastsUntilTheSpeakerHasPlayedTheAnswerOut() throws Exception {
    try (LocalClient client = client()) {
      session.enter(State.LISTENING);
      session.enter(State.THINKING);
      session.enter(State.SPEAKING);
      client.send(new ServerMessage.AudioStart("pcm_s16le", 24_000, 1));
      long sentAt = System.nanoTime();
      client.sendAudio(new byte[24_000 * 2 * 6 / 10]); // 600 ms
      await(() -> speakerLine.bytes() > 0, "the answer reaching the speaker");
      session.enter(State.IDLE); // all of it sent
      assertThat(shown).containsExactly(State.LISTENING, State.THINKING, State.SPEAKING);
      await(() -> shown.size() == 4, "the speaker playing it out");
      assertThat(shown).endsWith(State.IDLE);
      assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
    }
  }

  @Test
  void aPressWhileTheAnswerIsStillPlayingListensAtOnceAndStaysListening() throws Exception {
    try (LocalClient client = client()) {
      session.enter(State.THINKING);
      session.enter(State.SPEAKING);
      client.send(new ServerMessage.AudioStart("pcm_s16le", 24_000, 1));
      client.sendAudio(new byte[24_000 * 2 * 5]); // 5 s
      await(() -> speakerLine.bytes() > 0, "the answer reaching the speaker");
      session.enter(State.IDLE);
      client.listen(); // silences the speaker first
      assertThat(shown).endsWith(State.LISTENING);
      Thread.sleep(200); // the flushed speaker's "drained" comes on its own thread: it must not end the listening
      assertThat(shown).endsWith(State.LISTENING);
    }
  }

  @Test
  void aTurnWithoutAudioGoesIdleAtOnce() throws Exception {
    try (LocalClient client = client()) {
      session.enter(State.LISTENING);
      session.enter(State.THINKING);
      session.enter(State.IDLE); // an error: nothing to say
      assertThat(shown).containsExactly(State.LISTENING, State.THINKING, State.IDLE);
    }
  }
}
