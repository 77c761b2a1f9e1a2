package dev.hearth.turn;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.brain.ContextTurn;
import dev.hearth.brain.Reply;
import java.util.List;

/**
 * What flows through the voice pipeline. Every frame belongs to a {@link Turn}. Three families:
 * system frames are never dropped; data and control frames of a cancelled turn are dropped by every stage.
 */
public sealed interface Frame {

  Turn turn();

  /** Never dropped, even for a cancelled turn. */
  sealed interface SystemFrame extends Frame {}

  /** Content of a turn: audio and text. */
  sealed interface DataFrame extends Frame {}

  /** Turn structure. */
  sealed interface ControlFrame extends Frame {}

  // ---- system

  /** Push-to-talk pressed: audio in {@code format} follows. */
  record PttPressed(Turn turn, AudioFormat format) implements SystemFrame {}

  /** Push-to-talk released: finish recognition. */
  record PttReleased(Turn turn) implements SystemFrame {}

  /** Stop the turn now (barge-in or cancel); stages release what they hold for it. */
  record Interrupt(Turn turn) implements SystemFrame {}

  /** Travels upstream: something failed; {@code code} is the protocol's error code. Ends the turn. */
  record ErrorFrame(Turn turn, String stage, String code, String message, Throwable cause) implements SystemFrame {}

  // ---- data

  /** Client audio exactly as received (converted to the model's format by the STT stage). */
  record AudioIn(Turn turn, byte[] pcm) implements DataFrame {}

  /** A typed turn's text. */
  record TextIn(Turn turn, String text) implements DataFrame {}

  record PartialTranscript(Turn turn, String text) implements DataFrame {}

  /**
   * The words heard so far while the person is still speaking, with the conversation's context: the brain may prepare
   * its answer ahead (issue 18).
   */
  record HeardSoFar(Turn turn, String text, List<ContextTurn> context) implements DataFrame {}

  /** The final transcript of a voice turn, or the text of a typed turn. */
  record Transcript(Turn turn, String text, AudioChunk audio) implements DataFrame {
    public Transcript(Turn turn, String text) {
      this(turn, text, null);
    }
  }

  /**
   * The user's words (a transcript or typed text), stored in the history, with the conversation's earlier events as
   * the brain's {@code context}, oldest first; {@code audio} is the utterance for a brain that hears, or null.
   */
  record UserWords(Turn turn, String text, AudioChunk audio, List<ContextTurn> context) implements DataFrame {}

  /**
   * A piece of the answer as the brain produces it: {@code streamed} when it comes a piece at a time as it is made (a
   * model's answer), not when it is the whole answer at once (a skill's).
   */
  record ReplyDelta(Turn turn, String text, boolean streamed) implements DataFrame {}

  /** The whole answer; sentences still being spoken follow it. */
  record ReplyDone(Turn turn, Reply reply) implements DataFrame {}

  /** Text the server says on its own (a timer went off). */
  record Announcement(Turn turn, String kind, String text, String id) implements DataFrame {}

  /** One sentence to speak. */
  record Sentence(Turn turn, String text) implements DataFrame {}

  /** The answer as speech already made (a model that speaks): played as it is, instead of synthesized. */
  record SpokenReply(Turn turn, AudioChunk audio) implements DataFrame {}

  record TtsAudio(Turn turn, AudioChunk audio) implements DataFrame {}

  // ---- control

  /** The conversation is known (created or found): the turn is accepted. */
  record TurnAccepted(Turn turn) implements ControlFrame {}

  /** The turn's first audio is being sent to the client. */
  record SpeakingStarted(Turn turn) implements ControlFrame {}

  /** Every sentence of the turn has been synthesized; past the output and history, the turn is over. */
  record EndOfTurn(Turn turn) implements ControlFrame {}
}
