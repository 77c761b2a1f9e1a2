package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskSpeechToText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.Deflater;

/**
 * Transcribes a whole recording with a pooled Vosk recognizer that reports word timings: the audio is converted to
 * Vosk's 16 kHz mono, fed in 100 ms pieces, and each utterance Vosk ends becomes a {@link Transcript.Segment}, passed
 * to a listener as soon as it is known (for streaming). Blocks: run it on the STT pool.
 */
final class Recognition {
  /** How much 16 kHz audio is fed to Vosk at a time: 20 ms, as {@code /ws} feeds a page's frames (Vosk looks for the
   * end of an utterance after each piece, so the same pieces give the same utterances and the same words). */
  static final int FEED_BYTES = 640;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VoskSpeechToText vosk;

  Recognition(VoskSpeechToText vosk) {
    this.vosk = vosk;
  }

  /** Recognizes {@code audio}, passing each segment to {@code segments} as it is ended; returns the transcript. */
  Transcript transcribe(AudioChunk audio, Consumer<Transcript.Segment> segments) throws SttException {
    byte[] pcm = to16k(audio);
    List<Transcript.Segment> done = new ArrayList<>();
    Consumer<String> take = result -> segment(result, done.size(), done.isEmpty() ? 0 : done.get(done.size() - 1).end())
        .ifPresent(s -> {
          done.add(s);
          segments.accept(s);
        });
    try (VoskRecognizer recognizer = vosk.recognizer(new VoskRecognizer.Options(true, 0, Optional.empty()))) {
      for (int off = 0; off < pcm.length; off += FEED_BYTES) {
        byte[] piece = Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + FEED_BYTES));
        if (recognizer.accept(piece)) take.accept(recognizer.result());
      }
      take.accept(recognizer.finalResult());
    }
    return new Transcript(done, audio.millis() / 1000.0);
  }

  private static byte[] to16k(AudioChunk audio) {
    if (audio.format().equals(AudioFormat.STT)) return audio.pcm();
    PcmConverter converter = new PcmConverter(audio.format(), AudioFormat.STT.rateHz());
    byte[] head = converter.convert(audio.pcm()).pcm();
    byte[] tail = converter.flush().pcm();
    byte[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  /** A segment of Vosk's result JSON, or empty when the utterance held no words. */
  static Optional<Transcript.Segment> segment(String resultJson, int id, double previousEnd) {
    JsonNode result;
    try {
      result = JSON.readTree(resultJson);
    } catch (IOException e) {
      throw new IllegalStateException("Vosk returned unreadable JSON: " + resultJson, e);
    }
    String text = result.path("text").asText("").strip();
    if (text.isEmpty()) return Optional.empty();
    List<Transcript.Word> words = new ArrayList<>();
    double logSum = 0;
    for (JsonNode w : result.path("result")) {
      double conf = w.path("conf").asDouble(1.0);
      words.add(new Transcript.Word(w.path("word").asText(), w.path("start").asDouble(), w.path("end").asDouble(), conf));
      logSum += Math.log(Math.max(conf, 1e-6));
    }
    double start = words.isEmpty() ? previousEnd : words.get(0).start();
    double end = words.isEmpty() ? previousEnd : words.get(words.size() - 1).end();
    double avgLogprob = words.isEmpty() ? 0 : logSum / words.size();
    return Optional.of(new Transcript.Segment(id, start, end, text, words, avgLogprob, compressionRatio(text)));
  }

  /** The text's UTF-8 length over its zlib-compressed length: Whisper's measure of repetitive (hallucinated) output. */
  static double compressionRatio(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater();
    try {
      deflater.setInput(bytes);
      deflater.finish();
      byte[] out = new byte[bytes.length + 64];
      int compressed = 0;
      while (!deflater.finished()) compressed += deflater.deflate(out);
      return (double) bytes.length / compressed;
    } finally {
      deflater.end();
    }
  }
}
