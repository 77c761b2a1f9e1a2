package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioFormat;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.turn.Frame.AudioIn;
import dev.hearth.turn.Frame.ErrorFrame;
import dev.hearth.turn.Frame.PttPressed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A recognition session holds native memory that nothing else frees: every way a turn can end closes it exactly
 * once. The session's controller drives a pipeline of the STT stage and the client output, both inline, so each
 * call has finished its work when it returns.
 */
class SttStageTest {
  private static final byte[] FRAME_20_MS = new byte[16_000 * 2 / 50];

  private final FakeSpeechToText stt = new FakeSpeechToText("what time is it");
  private final List<ServerMessage> sent = new CopyOnWriteArrayList<>();

  @Test
  void stopClosesTheSessionAfterTheFinalTranscript() {
    TurnController session = session(30_000);
    session.start(AudioFormat.STT, "c", null);
    speak(session, 3);
    session.stop();

    assertThat(stt.closeCounts()).containsExactly(1);
    assertThat(sent).contains(new ServerMessage.Transcript("what time is it", true));
  }

  @Test
  void cancelClosesTheSession() {
    TurnController session = session(30_000);
    session.start(AudioFormat.STT, "c", null);
    speak(session, 3);
    session.cancel();

    assertThat(stt.closeCounts()).containsExactly(1);
    assertThat(sent).noneMatch(m -> m instanceof ServerMessage.Transcript t && t.isFinal());
  }

  @Test
  void aNewStartClosesTheOldSessionAndOpensAnother() {
    TurnController session = session(30_000);
    session.start(AudioFormat.STT, "c", null);
    speak(session, 3);
    session.start(AudioFormat.STT, "c", null); // barge-in

    assertThat(stt.closeCounts()).containsExactly(1, 0);
    speak(session, 3);
    session.stop();
    assertThat(stt.closeCounts()).containsExactly(1, 1);
  }

  @Test
  void theSocketClosingClosesTheSession() {
    TurnController session = session(30_000);
    session.start(AudioFormat.STT, "c", null);
    speak(session, 3);
    session.close();

    assertThat(stt.closeCounts()).containsExactly(1);
  }

  @Test
  void anUtteranceTooLongClosesTheSessionOnce() {
    TurnController session = session(100);
    session.start(AudioFormat.STT, "c", null);
    speak(session, 8); // 160 ms: over the limit at the sixth frame

    assertThat(stt.closeCounts()).containsExactly(1);
    assertThat(sent).anyMatch(m -> m instanceof ServerMessage.Error e && e.code().equals("utterance_too_long"));
    session.start(AudioFormat.STT, "c", null);
    assertThat(stt.closeCounts()).containsExactly(1, 0);
  }

  @Test
  void aRecognizerThatThrowsOnAudioHasItsSessionClosedOnce() {
    stt.failOnFrame = 2;
    TurnController session = session(30_000);
    session.start(AudioFormat.STT, "c", null);
    speak(session, 4);
    session.stop(); // the turn is already over: answered with not_listening, nothing to close

    assertThat(stt.closeCounts()).containsExactly(1);
    assertThat(sent).filteredOn(m -> m instanceof ServerMessage.Error).extracting(m -> ((ServerMessage.Error) m).code())
        .containsExactly("internal", "not_listening");
  }

  @Test
  void aRecognizerThatThrowsOnFinishHasItsSessionClosedOnce() {
    stt.failOnFinish = true;
    TurnController session = session(30_000);
    session.start(AudioFormat.STT, "c", null);
    speak(session, 3);
    session.stop();
    session.close();

    assertThat(stt.closeCounts()).containsExactly(1);
    assertThat(sent).anyMatch(m -> m instanceof ServerMessage.Error e && e.code().equals("internal"));
  }

  /**
   * Regression: a recognizer that threw while fed audio kept its session open until the controller's interrupt
   * reached the stage; the stage now closes it itself as the turn fails.
   */
  @Test
  void theStageClosesAFailedSessionWithoutWaitingForTheInterrupt() throws Exception {
    stt.failOnFrame = 1;
    StageHarness h = new StageHarness(new SttStage(stt, 30_000));
    Turn t = new Turn(Turn.Kind.VOICE, "c", false, "v", System::nanoTime);
    h.send(new PttPressed(t, AudioFormat.STT), new AudioIn(t, FRAME_20_MS));
    h.awaitDown(d -> d.size() == 1, 5_000);
    long deadline = System.currentTimeMillis() + 5_000;
    while (h.up().isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(5);

    assertThat(h.up()).singleElement().isInstanceOf(ErrorFrame.class);
    assertThat(stt.closeCounts()).containsExactly(1);
  }

  private TurnController session(long maxUtteranceMillis) {
    ClientLink link = new ClientLink() {
      @Override public void send(ServerMessage message) { sent.add(message); }
      @Override public void sendAudio(byte[] pcm) { }
    };
    ManualTime time = new ManualTime();
    SttStage stage = new SttStage(stt, maxUtteranceMillis);
    return new TurnController(link, Pipeline.builder(time, time).addInline(stage).addInline(new ClientOutput(link)),
        (session, conversationId) -> { }, "v", time);
  }

  private static void speak(TurnController session, int frames) {
    for (int i = 0; i < frames; i++) session.audio(FRAME_20_MS);
  }
}
