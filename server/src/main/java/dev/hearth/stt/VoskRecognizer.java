package dev.hearth.stt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.vosk.Recognizer;

/**
 * One Vosk recognizer handing out Vosk's own result JSON, for clients that want exactly what vosk-server sends
 * (word timings, alternatives, a phrase list) rather than the plain transcript of {@link SpeechToText}. Audio is
 * 16 kHz, 16-bit mono PCM; times in results are seconds from the start of the stream (or the last {@link #reset()}).
 * Confined to one thread at a time; close it exactly once (closing again does nothing).
 */
public final class VoskRecognizer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** Called once on close with the recognizer, whether it may be reset and reused, and the samples it was fed. */
  interface Release {
    void release(Recognizer recognizer, boolean reusable, long samples);
  }

  private Recognizer recognizer;
  private final boolean reusable;
  private final Release release;
  /** Where Vosk's clock stood (in samples) when this stream began, before any audio it was given earlier. */
  private final long clockAtOpen;
  private long fed;
  /** Where Vosk's clock stood when the stream (or the last reset) began: what result times are counted from. */
  private long origin;

  /** @param clock the samples {@code recognizer} decoded before: Vosk's clock, which its reset does not restart */
  VoskRecognizer(Recognizer recognizer, boolean reusable, Release release, long clock) {
    this.recognizer = recognizer;
    this.reusable = reusable;
    this.release = release;
    this.clockAtOpen = clock;
    this.origin = clock;
  }

  /** Feeds audio; true when Vosk ended an utterance at a pause, whose result {@link #result()} then gives. */
  public boolean accept(byte[] pcm16k) throws SttException {
    Recognizer r = live();
    fed += pcm16k.length / 2;
    return r.acceptWaveForm(pcm16k, pcm16k.length);
  }

  /** The result of the utterance that {@link #accept} just ended, e.g. {@code {"text": "one zero", "result": [...]}}. */
  public String result() throws SttException {
    return rebased(live().getResult());
  }

  /** The utterance so far, e.g. {@code {"partial": "one zero"}}. */
  public String partialResult() throws SttException {
    return live().getPartialResult();
  }

  /** Ends the current utterance and returns its result, even with no pause at its end. */
  public String finalResult() throws SttException {
    return rebased(live().getFinalResult());
  }

  /** Forgets the current utterance; times start again at zero. */
  public void reset() throws SttException {
    live().reset();
    origin = clockAtOpen + fed;
  }

  /**
   * The result with its word times counted from this stream's start (or last reset) rather than from whatever audio
   * the pooled recognizer decoded before; a result without word times is returned as Vosk wrote it.
   */
  private String rebased(String result) throws SttException {
    if (origin == 0 || !result.contains("\"start\"")) return result;
    try {
      JsonNode root = JSON.readTree(result);
      double shift = origin / 16_000.0;
      shift(root.path("result"), shift);
      for (JsonNode alternative : root.path("alternatives")) shift(alternative.path("result"), shift);
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new SttException("Vosk returned unreadable JSON: " + result, e);
    }
  }

  private static void shift(JsonNode words, double seconds) {
    for (JsonNode word : words) {
      if (!(word instanceof ObjectNode w)) continue;
      for (String field : List.of("start", "end")) {
        if (w.path(field).isNumber()) w.put(field, Math.round((w.get(field).asDouble() - seconds) * 1000) / 1000.0);
      }
    }
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
    release.release(r, reusable, fed);
  }

  private Recognizer live() throws SttException {
    if (recognizer == null) throw new SttException("the recognizer is already closed");
    return recognizer;
  }
}
