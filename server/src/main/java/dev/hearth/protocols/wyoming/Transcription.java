package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;
import java.io.IOException;
import dev.hearth.sched.Offload;
import java.util.concurrent.Executor;

/**
 * One speech-to-text request: consumes the audio of {@code audio-chunk} events (any rate, 16-bit, mono or stereo;
 * each chunk in its own format) and emits {@code transcript-start} when it opens, a {@code transcript-chunk} for
 * each utterance Vosk closes at a pause, and on {@link #finish} the last {@code transcript-chunk}, the whole
 * {@code transcript} and {@code transcript-stop}. The chunks' texts joined give the transcript. Audio is converted
 * to 16 kHz mono here; Vosk runs on Wyoming's lane of the recognition threads. Confined to the connection's thread.
 */
final class Transcription implements AutoCloseable {
  /** Lowest and highest input sample rates accepted, in Hz. */
  static final int MIN_RATE_HZ = 8_000;
  static final int MAX_RATE_HZ = 192_000;

  private final VoskRecognizer recognizer;
  private final String language;
  private final long maxUtteranceMillis;
  private final Executor sttPool;
  private final EventSink out;
  private final StringBuilder text = new StringBuilder();
  private PcmConverter converter;
  private long heardBytes16k;

  private Transcription(VoskRecognizer recognizer, String language, long maxUtteranceMillis, Executor sttPool,
      EventSink out) {
    this.recognizer = recognizer;
    this.language = language;
    this.maxUtteranceMillis = maxUtteranceMillis;
    this.sttPool = sttPool;
    this.out = out;
  }

  /** Opens a recognizer (on the STT pool) and sends {@code transcript-start}. */
  static Transcription open(RecognizerSource source, String language, long maxUtteranceMillis, Executor sttPool,
      EventSink out) throws SttException, InterruptedException, IOException {
    VoskRecognizer recognizer = Offload.call(sttPool, source::open);
    Transcription t = new Transcription(recognizer, language, maxUtteranceMillis, sttPool, out);
    try {
      ObjectNode data = WyomingEvent.newData();
      data.put("language", language);
      out.send(WyomingEvent.of("transcript-start", data));
      return t;
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
  }

  /** The format of an {@code audio-start} or {@code audio-chunk} event; throws for what Hearth cannot convert. */
  static AudioFormat format(WyomingEvent event) throws WyomingException {
    int rate = event.integer("rate");
    int width = event.integer("width");
    int channels = event.integer("channels");
    if (width != 2) {
      throw new WyomingException("unsupported_audio", "Only 16-bit audio is accepted (width 2), not width " + width);
    }
    if (channels < 1 || channels > 2) {
      throw new WyomingException("unsupported_audio", "Audio must have 1 or 2 channels, not " + channels);
    }
    if (rate < MIN_RATE_HZ || rate > MAX_RATE_HZ) {
      throw new WyomingException("unsupported_audio",
          "The sample rate must be " + MIN_RATE_HZ + " to " + MAX_RATE_HZ + " Hz, not " + rate);
    }
    return new AudioFormat(rate, width, channels);
  }

  /** Recognizes a piece of audio in {@code format}; sends a {@code transcript-chunk} when Vosk closes an utterance. */
  void audio(AudioFormat format, byte[] pcm) throws SttException, WyomingException, InterruptedException, IOException {
    if (converter != null && !converter.inputFormat().equals(format)) recognize(converter.flush());
    if (converter == null || !converter.inputFormat().equals(format)) converter = new PcmConverter(format, AudioFormat.STT.rateHz());
    recognize(converter.convert(pcm));
  }

  /** Ends the audio: sends the last {@code transcript-chunk}, the {@code transcript} and {@code transcript-stop}. */
  String finish() throws SttException, WyomingException, InterruptedException, IOException {
    if (converter != null) recognize(converter.flush());
    commit(Offload.call(sttPool, recognizer::finalResult));
    String whole = text.toString();
    ObjectNode data = WyomingEvent.newData();
    data.put("text", whole);
    data.put("language", language);
    out.send(WyomingEvent.of("transcript", data));
    out.send(WyomingEvent.of("transcript-stop"));
    return whole;
  }

  /** The audio heard so far, in milliseconds. */
  long heardMillis() {
    return Math.round(AudioFormat.STT.millis(heardBytes16k));
  }

  @Override
  public void close() {
    recognizer.close();
  }

  private void recognize(AudioChunk chunk) throws SttException, WyomingException, InterruptedException, IOException {
    if (chunk.pcm().length == 0) return;
    heardBytes16k += chunk.pcm().length;
    if (AudioFormat.STT.millis(heardBytes16k) > maxUtteranceMillis) {
      throw new WyomingException("utterance_too_long", "The audio is longer than " + maxUtteranceMillis / 1000
          + " s (stt.max_utterance_millis); send shorter requests");
    }
    byte[] pcm = chunk.pcm();
    String ended = Offload.call(sttPool, () -> recognizer.accept(pcm) ? recognizer.result() : null);
    if (ended != null) commit(ended);
  }

  /** Adds a closed utterance's text (from Vosk's result JSON) and sends it as a {@code transcript-chunk}. */
  private void commit(String resultJson) throws SttException, IOException {
    String words;
    try {
      words = EventCodec.JSON.readTree(resultJson).path("text").asText("").trim();
    } catch (IOException e) {
      throw new SttException("Vosk returned unreadable JSON: " + resultJson, e);
    }
    if (words.isEmpty()) return;
    String piece = text.length() == 0 ? words : " " + words;
    text.append(piece);
    ObjectNode data = WyomingEvent.newData();
    data.put("text", piece);
    out.send(WyomingEvent.of("transcript-chunk", data));
  }
}
