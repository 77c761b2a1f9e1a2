package dev.hearth.turn;

import dev.hearth.audio.AudioFormat;
import java.util.function.Consumer;

/**
 * A voice session as a push-to-talk client drives it: in this process ({@link TurnController}) or on a Hearth
 * server elsewhere (a satellite's {@code RemoteSession}). What comes back goes to the client's {@link ClientLink}.
 */
public interface VoiceSession extends AutoCloseable {
  /** Push-to-talk pressed: a new turn in {@code conversationId} (null: a new conversation), in {@code voice} (null: default). */
  void start(AudioFormat format, String conversationId, String voice);

  /** Audio while listening. */
  void audio(byte[] pcm);

  /** Push-to-talk released: answer. */
  void stop();

  /** Stops whatever the session is doing. */
  void cancel();

  TurnController.State state();

  /** Calls {@code listener} with every state entered from now on; it must return at once. */
  void onStateChange(Consumer<TurnController.State> listener);

  @Override
  void close();
}
