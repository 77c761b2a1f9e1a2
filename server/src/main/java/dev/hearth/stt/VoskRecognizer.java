package dev.hearth.stt;

import java.util.List;
import java.util.Optional;
import org.vosk.Recognizer;

/**
 * One Vosk recognizer handing out Vosk's own result JSON, for clients that want exactly what vosk-server sends
 * (word timings, alternatives, a phrase list) rather than the plain transcript of {@link SpeechToText}. Audio is
 * 16 kHz, 16-bit mono PCM; word times in results are seconds from the first sample given to this recognizer, as
 * in vosk-server (a {@link #reset()} or a final result does not restart them). Confined to one thread at a time;
 * close it exactly once (closing again does nothing).
 */
public final class VoskRecognizer implements AutoCloseable {
  /**
   * How results are shaped.
   *
   * @param words include word timings ({@code result}) in final results
   * @param maxAlternatives 0 for one best result; N gives up to N {@code alternatives}
   * @param phraseList the only phrases to recognize (a grammar; may hold {@code "[unk]"}), or empty for the full model
   */
  public record Options(boolean words, int maxAlternatives, Optional<List<String>> phraseList) {
    public Options {
      if (maxAlternatives < 0) throw new IllegalArgumentException("maxAlternatives must be at least 0");
      phraseList = phraseList.map(List::copyOf);
    }
  }

  /** Called once on close with the recognizer, whether it may be reset and reused, and the samples it has decoded in its life. */
  interface Release {
    void release(Recognizer recognizer, boolean reusable, long samples);
  }

  private Recognizer recognizer;
  private final boolean reusable;
  /** Where Vosk's clock stood when this stream began: a pooled recognizer's times run on from its earlier streams. */
  private final double timeBaseSeconds;
  private final Release release;
  private long samples;

  /**
   * @param decodedSamples samples the recognizer decoded before (its decoder must start afresh with the next audio):
   *     where Vosk's clock stands at this stream's first sample, subtracted from every time it reports
   */
  VoskRecognizer(Recognizer recognizer, boolean reusable, long decodedSamples, Release release) {
    this.recognizer = recognizer;
    this.reusable = reusable;
    this.timeBaseSeconds = decodedSamples / 16_000.0;
    this.samples = decodedSamples;
    this.release = release;
  }

  /** Feeds audio; true when Vosk ended an utterance at a pause, whose result {@link #result()} then gives. */
  public boolean accept(byte[] pcm16k) throws SttException {
    Recognizer r = live();
    samples += pcm16k.length / 2;
    return r.acceptWaveForm(pcm16k, pcm16k.length);
  }

  /** The result of the utterance that {@link #accept} just ended, e.g. {@code {"text": "one zero", "result": [...]}}. */
  public String result() throws SttException {
    return fromStreamStart(live().getResult());
  }

  /** The utterance so far, e.g. {@code {"partial": "one zero"}}. */
  public String partialResult() throws SttException {
    return live().getPartialResult();
  }

  /** Ends the current utterance and returns its result, even with no pause at its end. */
  public String finalResult() throws SttException {
    return fromStreamStart(live().getFinalResult());
  }

  /** Forgets the current utterance; word times run on. */
  public void reset() throws SttException {
    live().reset();
  }

  @Override
  public void close() {
    if (recognizer == null) return;
    Recognizer r = recognizer;
    recognizer = null;
    if (reusable) {
      r.setWords(false);
      r.setMaxAlternatives(0);
    }
    release.release(r, reusable, samples);
  }

  private Recognizer live() throws SttException {
    if (recognizer == null) throw new SttException("the recognizer is already closed");
    return recognizer;
  }

  /** {@code result} with its word times counted from this stream's start. */
  private String fromStreamStart(String result) throws SttException {
    return timeBaseSeconds == 0 ? result : VoskResult.shiftTimes(result, timeBaseSeconds);
  }
}
