package dev.hearth.protocols.vosk;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.speech.RecognizerAudio;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskSpeechToText;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One vosk-server connection's recognition, answering each message with the JSON vosk-server sends: binary audio
 * with {@code {"partial": ...}} or, at a pause Vosk detects, the utterance's final result; eof and reset with the
 * final result of what is left. Results are Vosk's own JSON, passed through.
 *
 * <p>A segment is the audio since the connection opened or since the last reset. Its first frame fixes its format:
 * the configured {@code sample_rate}, else the rate of a WAV header at the frame's start (which is skipped), else
 * {@code vosk_server.sample_rate_hz}; a header's channel count is used too. The audio is converted to the 16 kHz
 * Vosk wants. Config takes effect at these boundaries: a changed {@code words}, {@code max_alternatives} or
 * {@code phrase_list} replaces the recognizer at the next reset (word times then count from zero again; with
 * unchanged settings they run on from the stream's start, as in vosk-server).
 *
 * <p>Confined to one thread at a time (the connection's serial executor). The recognizer is closed exactly once,
 * by {@link #close()} or when replaced.
 */
final class VoskStream implements AutoCloseable {
  private final VoskSpeechToText stt;
  private final int defaultRateHz;

  private OptionalInt sampleRateHz = OptionalInt.empty();
  private boolean words = true;
  private int maxAlternatives;
  private List<String> phraseList = List.of();

  private VoskRecognizer recognizer;
  private VoskRecognizer.Options built;
  /** Null at the start of a segment: the next audio frame decides the format. */
  private AudioFormat format;
  private RecognizerAudio audio;
  private boolean closed;

  /**
   * @param defaultRateHz the rate of a client that sends neither {@code sample_rate} nor a WAV header
   */
  VoskStream(VoskSpeechToText stt, int defaultRateHz) {
    this.stt = stt;
    this.defaultRateHz = defaultRateHz;
  }

  /** Takes the settings a config message names; they apply from the next recognizer or segment on. */
  void configure(VoskMessage.Config config) {
    if (config.sampleRateHz().isPresent()) sampleRateHz = config.sampleRateHz();
    config.words().ifPresent(w -> words = w);
    config.maxAlternatives().ifPresent(n -> maxAlternatives = n);
    config.phraseList().ifPresent(p -> phraseList = p);
  }

  /** Decodes one binary frame; returns {@code {"partial": ...}}, or a final result when Vosk ended an utterance. */
  String audio(byte[] frame) throws SttException, VoskProtocolException {
    int skip = 0;
    if (format == null) {
      Optional<WavHeader> header = WavHeader.detect(frame);
      int rateHz = sampleRateHz.orElse(header.map(h -> h.format().rateHz()).orElse(defaultRateHz));
      int channels = header.map(h -> h.format().channels()).orElse(1);
      skip = header.map(WavHeader::length).orElse(0);
      format = AudioFormat.pcm16(rateHz, channels);
      audio = new RecognizerAudio(); // a stream has no end in sight: no cap
    }
    VoskRecognizer r = recognizer();
    AudioChunk pcm = audio.hear(format, frame, skip, frame.length - skip);
    if (pcm.pcm().length > 0 && r.accept(pcm.pcm())) return r.result();
    return r.partialResult();
  }

  /** Ends the utterance and the segment: returns the final result; the connection goes on. */
  String reset() throws SttException {
    String result = finish();
    format = null;
    audio = null;
    if (!options().equals(built)) closeRecognizer();
    return result;
  }

  /** Ends the stream: returns the final result and frees the recognizer. */
  String eof() throws SttException {
    try {
      return finish();
    } finally {
      close();
    }
  }

  /** Frees the recognizer; safe to call more than once. Nothing may be decoded afterwards. */
  @Override
  public void close() {
    closed = true;
    format = null;
    audio = null;
    closeRecognizer();
  }

  /** Feeds the converter's tail, then asks for the final result; an eof with no audio gets Vosk's empty result. */
  private String finish() throws SttException {
    VoskRecognizer r = recognizer();
    if (audio != null) {
      byte[] tail = audio.end().pcm();
      // the tail may close an utterance at a pause: then its result is this answer, and nothing is left after it
      if (tail.length > 0 && r.accept(tail)) return r.result();
    }
    return r.finalResult();
  }

  private VoskRecognizer recognizer() throws SttException {
    if (closed) throw new SttException("this vosk-server stream is closed");
    if (recognizer == null) {
      built = options();
      recognizer = stt.recognizer(built);
    }
    return recognizer;
  }

  private VoskRecognizer.Options options() {
    return new VoskRecognizer.Options(words, maxAlternatives, phraseList.isEmpty() ? Optional.empty() : Optional.of(phraseList));
  }

  private void closeRecognizer() {
    if (recognizer != null) {
      VoskRecognizer r = recognizer;
      recognizer = null;
      built = null;
      r.close();
    }
  }
}
