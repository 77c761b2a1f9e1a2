package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioFormat;
import dev.hearth.protocols.page.ServerMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Feedback (LEDs, sounds) follows a session through onStateChange: every state it enters, once, in order. */
class TurnStateListenerTest {
  private static final ClientLink NOWHERE = new ClientLink() {
    @Override public void send(ServerMessage message) { }
    @Override public void sendAudio(byte[] pcm) { }
  };
  private static final TurnController.Registry SESSIONS = (session, conversationId) -> { };

  @Test
  void listenersHearEveryStateTheSessionEnters() {
    ManualTime time = new ManualTime();
    TurnController session = new TurnController(NOWHERE,
        Pipeline.builder(time, time).add(new ClientOutput(NOWHERE), Runnable::run), SESSIONS, "v", time);
    List<TurnController.State> seen = new CopyOnWriteArrayList<>();
    session.onStateChange(seen::add);
    session.start(AudioFormat.STT, null, null);
    session.start(AudioFormat.STT, null, null); // a second press while listening: still listening, not re-announced
    session.stop();
    session.cancel();
    session.cancel();
    assertThat(seen).containsExactly(TurnController.State.LISTENING, TurnController.State.THINKING,
        TurnController.State.IDLE);
  }
}
