package dev.hearth.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioFormat;
import dev.hearth.turn.TurnController.State;
import dev.hearth.turn.VoiceSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The cues: soft-edged, quiet enough, and played when the button starts and stops listening and on a long press. */
class CuesTest {
  /** Records what the client asked of it; its state follows the calls as a real session's would. */
  static final class FakeSession implements VoiceSession {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile State state = State.IDLE;

    @Override public void start(AudioFormat format, String conversationId, String voice) { calls.add("start"); state = State.LISTENING; }
    @Override public void audio(byte[] pcm) { }
    @Override public void stop() { calls.add("stop"); state = State.THINKING; }
    @Override public void cancel() { calls.add("cancel"); state = State.IDLE; }
    @Override public State state() { return state; }
    @Override public void onStateChange(Consumer<State> listener) { }
    @Override public void close() { state = State.CLOSED; }
  }

  private static short sample(byte[] pcm, int i) {
    return (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
  }

  @Test
  void aChirpIsTwoSixtyMillisecondNotesWithSoftEdges() {
    byte[] chirp = Cues.of(true).start();
    int samples = chirp.length / 2;
    assertThat(samples).isEqualTo(24_000 * 120 / 1000);
    int peak = 0;
    for (int i = 0; i < samples; i++) peak = Math.max(peak, Math.abs(sample(chirp, i)));
    assertThat(peak).isBetween(Short.MAX_VALUE / 5, Short.MAX_VALUE / 4 + 1);
    assertThat(Math.abs(sample(chirp, 0))).isZero();
    assertThat(Math.abs(sample(chirp, samples - 1))).isLessThan(Short.MAX_VALUE / 100);
    assertThat(Cues.of(true).stop()).isNotEqualTo(chirp);
    assertThat(Cues.of(false).start()).isEmpty();
  }

  @Test
  void theButtonIsAnsweredWithAChirpEachWay() throws Exception {
    FakeLines.Speaker speakerLine = new FakeLines.Speaker();
    FakeSession session = new FakeSession();
    try (LocalClient client = new LocalClient(link -> session,
        new Microphone(new FakeLines.Microphone(new byte[0]), "fake mic", AudioFormat.pcm16(16_000, 1)),
        new Speaker(speakerLine, "fake speaker"), () -> { }, Cues.of(true))) {
      int chirp = Cues.of(true).start().length;
      client.listen();
      awaitBytes(speakerLine, chirp);
      assertThat(speakerLine.format.getSampleRate()).isEqualTo(24_000f);
      client.answer();
      awaitBytes(speakerLine, 2 * chirp);
      assertThat(session.calls).containsExactly("start", "stop");
    }
  }

  /** A long press started a new conversation without a sound or a light: now it has a cue of its own and tells the lights. */
  @Test
  void aLongPressIsAnsweredWithADoubleBeepOfItsOwn() throws Exception {
    byte[] beep = Cues.of(true).newConversation();
    assertThat(beep).hasSize(2 * 24_000 * 180 / 1000).isNotEqualTo(Cues.of(true).start()).isNotEqualTo(Cues.of(true).stop());
    for (int i = 24_000 * 60 / 1000; i < 24_000 * 120 / 1000; i++) assertThat(sample(beep, i)).isZero(); // the rest between
    assertThat(Cues.of(false).newConversation()).isEmpty();

    FakeLines.Speaker speakerLine = new FakeLines.Speaker();
    FakeSession session = new FakeSession();
    AtomicInteger flashes = new AtomicInteger();
    try (LocalClient client = new LocalClient(link -> session,
        new Microphone(new FakeLines.Microphone(new byte[0]), "fake mic", AudioFormat.pcm16(16_000, 1)),
        new Speaker(speakerLine, "fake speaker"), () -> { }, Cues.of(true))) {
      client.onNewConversation(flashes::incrementAndGet);
      int chirp = Cues.of(true).start().length;
      client.listen();
      awaitBytes(speakerLine, chirp);
      client.newConversation();
      awaitBytes(speakerLine, chirp + beep.length);
      assertThat(flashes).hasValue(1);
      assertThat(session.calls).containsExactly("start", "cancel");
    }
  }

  private static void awaitBytes(FakeLines.Speaker line, int bytes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (line.bytes() < bytes) {
      if (System.nanoTime() > deadline) throw new AssertionError("the speaker got " + line.bytes() + " of " + bytes + " bytes");
      Thread.sleep(5);
    }
    assertThat(line.bytes()).isEqualTo(bytes);
  }
}
