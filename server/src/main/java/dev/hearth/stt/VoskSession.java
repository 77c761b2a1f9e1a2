package dev.hearth.stt;

import java.util.Optional;
import org.vosk.Recognizer;

/**
 * One utterance on a recognizer borrowed from {@link VoskSpeechToText}'s pool: partial transcripts while it is fed,
 * the whole transcript at the end. Closing hands the recognizer back (or frees it after a failure).
 */
final class VoskSession implements SpeechToText.Session {
  /** Partial results cost a lattice search: look at most once per this much audio (100 ms at 16 kHz). */
  private static final int PARTIAL_EVERY_BYTES = 3_200;

  private final VoskRecognizer.Release release;
  private Recognizer recognizer;
  private boolean failed;
  /** Text of segments Vosk already closed at pauses; the final transcript is these plus the rest. */
  private final StringBuilder done = new StringBuilder();
  private String lastPartial = "";
  private int bytesSincePartial;
  /** Samples fed to the recognizer in this session, plus what it had decoded before. */
  private long samples;

  /** @param decodedSamples samples the recognizer decoded before this session */
  VoskSession(Recognizer recognizer, long decodedSamples, VoskRecognizer.Release release) {
    this.recognizer = recognizer;
    this.samples = decodedSamples;
    this.release = release;
  }

  @Override
  public Optional<String> accept(byte[] pcm) throws SttException {
    Recognizer r = live();
    samples += pcm.length / 2;
    if (r.acceptWaveForm(pcm, pcm.length)) {
      append(read(() -> VoskResult.parse(r.getResult()).text()));
      bytesSincePartial = PARTIAL_EVERY_BYTES; // a segment just closed: report it now
    } else {
      bytesSincePartial += pcm.length;
    }
    if (bytesSincePartial < PARTIAL_EVERY_BYTES) return Optional.empty();
    bytesSincePartial = 0;
    String partial = join(done.toString(), read(() -> VoskResult.partial(r.getPartialResult())));
    if (partial.equals(lastPartial)) return Optional.empty();
    lastPartial = partial;
    return Optional.of(partial);
  }

  @Override
  public String finish() throws SttException {
    Recognizer r = live();
    append(read(() -> VoskResult.parse(r.getFinalResult()).text()));
    return done.toString();
  }

  /** Samples the recognizer has decoded in its life, this session's included. */
  long samples() {
    return samples;
  }

  /** Hands the recognizer over to its new owner; this session is then closed. */
  Recognizer detach() {
    Recognizer r = recognizer;
    recognizer = null;
    return r;
  }

  @Override
  public void close() {
    if (recognizer != null) {
      Recognizer r = recognizer;
      recognizer = null;
      release.release(r, !failed, samples);
    }
  }

  private Recognizer live() throws SttException {
    if (recognizer == null) throw new SttException("recognition session already closed");
    return recognizer;
  }

  /** Reads Vosk's answer; a recognizer that answered nonsense is not pooled again. */
  private String read(Reading reading) throws SttException {
    try {
      return reading.text();
    } catch (SttException e) {
      failed = true;
      throw e;
    }
  }

  private void append(String text) {
    if (!text.isEmpty()) {
      if (done.length() > 0) done.append(' ');
      done.append(text);
    }
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
  }

  private interface Reading {
    String text() throws SttException;
  }
}
