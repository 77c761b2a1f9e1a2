package dev.hearth.turn;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import dev.hearth.stt.SpeechToText;
import dev.hearth.stt.SttException;
import dev.hearth.turn.Frame.AudioIn;
import dev.hearth.turn.Frame.Interrupt;
import dev.hearth.turn.Frame.PartialTranscript;
import dev.hearth.turn.Frame.PttPressed;
import dev.hearth.turn.Frame.PttReleased;
import dev.hearth.turn.Frame.Transcript;
import java.io.ByteArrayOutputStream;

/**
 * Speech to text. Consumes {@code PttPressed}, {@code AudioIn}, {@code PttReleased} and {@code Interrupt};
 * emits {@code PartialTranscript} whenever the words change and one {@code Transcript} on release. Client
 * audio of any rate is converted to 16 kHz mono here, the only place it is converted. A recognition session is
 * opened on press and closed exactly once: on release, interrupt (cancel, barge-in, the socket closing), error
 * or the next press. Closing hands the session's recognizer back to its {@link SpeechToText}, which may pool it
 * for a later turn rather than free it. With
 * {@code keepAudio} the {@code Transcript} also carries the whole utterance (16 kHz), for a brain that hears.
 */
public final class SttStage extends Stage {
  private final SpeechToText stt;
  private final long maxUtteranceMillis;
  private final boolean keepAudio;
  private ByteArrayOutputStream utterance;

  private Turn turn;
  private SpeechToText.Session session;
  private PcmConverter converter;
  private long convertedBytes;

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
      converter = new PcmConverter(p.format(), AudioFormat.STT.rateHz());
      convertedBytes = 0;
      utterance = keepAudio ? new ByteArrayOutputStream() : null;
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
    AudioChunk chunk = converter.convert(in.pcm());
    convertedBytes += chunk.pcm().length;
    if (AudioFormat.STT.millis(convertedBytes) > maxUtteranceMillis) {
      closeSession();
      in.turn().cancel();
      pushError(in, "utterance_too_long", "The utterance is longer than " + maxUtteranceMillis / 1000
          + " s (stt.max_utterance_millis); release the button sooner.", null);
      return;
    }
    if (utterance != null) utterance.writeBytes(chunk.pcm());
    recognize(chunk).ifPresent(partial -> push(new PartialTranscript(in.turn(), partial), Direction.DOWNSTREAM));
  }

  private void finish(PttReleased released) throws SttException {
    try {
      AudioChunk tail = converter.flush();
      convertedBytes += tail.pcm().length;
      if (utterance != null) utterance.writeBytes(tail.pcm());
      recognize(tail);
      long start = System.nanoTime();
      String text = session.finish();
      released.turn().addSttWork(0, System.nanoTime() - start);
      AudioChunk heard = utterance == null ? null : new AudioChunk(AudioFormat.STT, utterance.toByteArray());
      push(new Transcript(released.turn(), text, heard), Direction.DOWNSTREAM);
    } finally {
      closeSession();
    }
  }

  private java.util.Optional<String> recognize(AudioChunk chunk) throws SttException {
    if (chunk.pcm().length == 0) return java.util.Optional.empty();
    long start = System.nanoTime();
    java.util.Optional<String> partial = session.accept(chunk.pcm());
    turn.addSttWork(Math.round(chunk.millis()), System.nanoTime() - start);
    return partial;
  }

  private void closeSession() {
    if (session != null) {
      session.close();
      session = null;
      converter = null;
      utterance = null;
    }
  }
}
