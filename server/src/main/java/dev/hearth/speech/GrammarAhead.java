package dev.hearth.speech;

import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskResult;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The grammar's hearing of one utterance ({@link CommandListening}), which may keep up with the person while the
 * recognition threads have nothing else to do, so that on release only what it has not heard yet is left (for a
 * twelve-word question, release → final transcript fell from over 100 ms to about 30: docs/benchmarks.md). Whether
 * it hears early or all on release, it is fed the same pieces of the kept audio from the start, so it hears the same
 * (Vosk looks for the end of an utterance after each piece; its later alternatives can differ between any two
 * recognitions). Its recognizer is borrowed at the first piece and handed back on {@link #close}. Not thread-safe:
 * one utterance's calls come one at a time, on the recognition threads.
 */
final class GrammarAhead implements AutoCloseable {
  /** Where restricted recognizers come from and go back to. */
  interface Recognizers {
    VoskRecognizer borrow() throws SttException;

    void giveBack(VoskRecognizer recognizer);
  }

  /** The utterance's audio, 16 kHz, as it was heard. */
  static final class Kept extends ByteArrayOutputStream {
    byte[] range(int from, int to) {
      return Arrays.copyOfRange(buf, from, to);
    }
  }

  private final Recognizers recognizers;
  private final int pieceBytes;
  private final List<VoskResult> results = new ArrayList<>();
  private VoskRecognizer recognizer;
  private int heardBytes;

  GrammarAhead(Recognizers recognizers, int pieceBytes) {
    this.recognizers = recognizers;
    this.pieceBytes = pieceBytes;
  }

  /** Hears whole pieces of {@code kept} it has not heard yet, at most {@code maxBytes} of them. */
  void keepUp(Kept kept, int maxBytes) throws SttException {
    int until = Math.min(kept.size(), heardBytes + maxBytes);
    hear(kept, until - (until - heardBytes) % pieceBytes);
  }

  /**
   * Hears the rest of {@code kept} and ends the utterance: the grammar's readings of it ({@link VoskResult#readings}).
   * The recognizer goes back at once, not when the turn closes, so another turn finishing meanwhile need not compile
   * one of its own (each holds the whole grammar).
   */
  List<String> readings(Kept kept) throws SttException {
    hear(kept, kept.size());
    VoskRecognizer r = recognizer();
    results.add(VoskResult.parse(failing(r::finalResult)));
    close();
    return VoskResult.readings(results);
  }

  /** How much of the utterance it has heard (for tests). */
  int heardBytes() {
    return heardBytes;
  }

  private void hear(Kept kept, int until) throws SttException {
    if (until <= heardBytes) return;
    VoskRecognizer r = recognizer();
    for (int off = heardBytes; off < until; off += pieceBytes) {
      byte[] piece = kept.range(off, Math.min(until, off + pieceBytes));
      if (failing(() -> r.accept(piece))) results.add(VoskResult.parse(failing(r::result)));
    }
    heardBytes = until;
  }

  private VoskRecognizer recognizer() throws SttException {
    if (recognizer == null) recognizer = recognizers.borrow();
    return recognizer;
  }

  private interface VoskCall<T> {
    T call() throws SttException;
  }

  /** Runs a call on the recognizer; one that fails frees it rather than handing it back. */
  private <T> T failing(VoskCall<T> call) throws SttException {
    try {
      return call.call();
    } catch (SttException | RuntimeException e) {
      VoskRecognizer broken = recognizer;
      recognizer = null;
      if (broken != null) broken.close();
      throw e;
    }
  }

  /** Hands the recognizer back, reset for another utterance (or frees it when it cannot be reset). */
  @Override
  public void close() {
    VoskRecognizer r = recognizer;
    recognizer = null;
    if (r == null) return;
    try {
      r.reset();
      recognizers.giveBack(r);
    } catch (SttException | RuntimeException e) {
      r.close();
    }
  }
}
