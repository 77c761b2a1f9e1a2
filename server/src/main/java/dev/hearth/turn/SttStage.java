package dev.hearth.turn;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.speech.UtteranceAudio;
import dev.hearth.speech.UtteranceTooLong;
import dev.hearth.stt.SpeechToText;
import dev.hearth.stt.SttException;
import dev.hearth.turn.Frame.AudioIn;
import dev.hearth.turn.Frame.Interrupt;
import dev.hearth.turn.Frame.PartialTranscript;
import dev.hearth.turn.Frame.PttPressed;
import dev.hearth.turn.Frame.PttReleased;
import dev.hearth.turn.Frame.Transcript;
import java.util.Optional;

/**
 * Speech to text. Consumes {@code PttPressed}, {@code AudioIn}, {@code PttReleased} and {@code Interrupt};
 * emits {@code PartialTranscript} whenever the words change and one {@code Transcript} on release. Client
 * audio of any accepted rate is converted to 16 kHz mono, and held to {@code stt.max_utterance_millis}, by the speech
 * layer's {@link UtteranceAudio}. A recognition session is
 * opened on press and closed exactly once: on release, interrupt (cancel, barge-in, the socket closing), error
 * or the next press. Closing hands the session's recognizer back to its {@link SpeechToText}, which may pool it
 * for a later turn rather than free it. With
 * {@code keepAudio} the {@code Transcript} also carries the whole utterance (16 kHz), for a brain that hears.
 */
public final class SttStage extends Stage {
  private final SpeechToText stt;
  private final long maxUtteranceMillis;
  private final boolean keepAudio;

  private Turn turn;
  private SpeechToText.Session session;
  /** The turn's audio, converted and capped; null when no session is open. */
  private UtteranceAudio audio;
  private AudioFormat format;

  public SttStage(SpeechToText stt, long maxUtteranceMillis) {
    this(stt, maxUtteranceMillis, false);
  }

  public SttStage(SpeechToText stt, long maxUtteranceMillis, boolean keepAudio) {
    this.stt = stt;
    this.maxUtteranceMillis = maxUtteranceMillis;
    this.keepAudio = keepAudio;
  }

  @Override
  protected void process(Frame frame) throws SttException {
    if (frame instanceof PttPressed p) {
      closeSession();
      turn = p.turn();
      session = stt.open();
      audio = new UtteranceAudio(maxUtteranceMillis, keepAudio);
      format = p.format();
      push(frame, Direction.DOWNSTREAM);
    } else if (frame instanceof AudioIn a) {
      if (a.turn() == turn && session != null) {
        try {
          feed(a);
        } catch (SttException | RuntimeException e) {
          closeSession(); // a failed turn is over: free its session now, not at the next interrupt or press
          throw e;
        }
      }
    } else if (frame instanceof PttReleased r) {
      if (r.turn() == turn && session != null) finish(r);
      else push(frame, Direction.DOWNSTREAM);
    } else if (frame instanceof Interrupt i) {
      if (i.turn() == turn) closeSession();
      push(frame, Direction.DOWNSTREAM);
    } else {
      push(frame, Direction.DOWNSTREAM);
    }
  }

  private void feed(AudioIn in) throws SttException {
    AudioChunk chunk;
    try {
      chunk = audio.hear(format, in.pcm());
    } catch (UtteranceTooLong e) {
      tooLong(in, e);
      return;
    }
    recognize(chunk).ifPresent(partial -> push(new PartialTranscript(in.turn(), partial), Direction.DOWNSTREAM));
  }

  private void finish(PttReleased released) throws SttException {
    try {
      recognize(audio.end());
      long start = nanoTime();
      String text = session.finish();
      released.turn().addSttWork(0, nanoTime() - start);
      if (session.guessed()) released.turn().markGuessed();
      push(new Transcript(released.turn(), text, audio.kept()), Direction.DOWNSTREAM);
    } catch (UtteranceTooLong e) {
      tooLong(released, e);
    } finally {
      closeSession();
    }
  }

  /** Ends a turn whose utterance passed the cap: its session is freed and the client told. */
  private void tooLong(Frame frame, UtteranceTooLong e) {
    closeSession();
    turn.cancel();
    pushError(frame, "utterance_too_long", e.getMessage() + "; release the button sooner.", null);
  }

  private Optional<String> recognize(AudioChunk chunk) throws SttException {
    if (chunk.pcm().length == 0) return Optional.empty();
    long start = nanoTime();
    Optional<String> partial = session.accept(chunk.pcm());
    turn.addSttWork(Math.round(chunk.millis()), nanoTime() - start);
    return partial;
  }

  private void closeSession() {
    if (session != null) {
      session.close();
      session = null;
      audio = null;
    }
  }
}
