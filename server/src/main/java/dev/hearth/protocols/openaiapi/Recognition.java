package dev.hearth.protocols.openaiapi;

import dev.hearth.audio.AudioChunk;
import dev.hearth.speech.Listening;
import dev.hearth.speech.RecognizerAudio;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskResult;
import dev.hearth.stt.VoskSpeechToText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.Deflater;

/**
 * Transcribes a whole recording with a pooled Vosk recognizer that reports word timings: the audio is converted to
 * Vosk's 16 kHz mono, fed in 20 ms pieces, and each utterance Vosk ends becomes a {@link Transcript.Segment}, passed
 * to a listener as soon as it is known (for streaming). Blocks: run it on the STT pool.
 */
final class Recognition {
  /** How much 16 kHz audio is fed to Vosk at a time: 20 ms, as {@code /ws} feeds a page's frames (Vosk looks for the
   * end of an utterance after each piece, so the same pieces give the same utterances and the same words). */
  static final int FEED_BYTES = 640;

  private final VoskSpeechToText vosk;

  Recognition(VoskSpeechToText vosk) {
    this.vosk = vosk;
  }

  /** Recognizes {@code audio}, passing each segment to {@code segments} as it is ended; returns the transcript. */
  Transcript transcribe(AudioChunk audio, Consumer<Transcript.Segment> segments) throws SttException {
    List<Transcript.Segment> done = new ArrayList<>();
    RecognizerAudio heard = new RecognizerAudio();
    try (Listening listening = new Listening(vosk.recognizer(new VoskRecognizer.Options(true, 0, Optional.empty())),
        FEED_BYTES)) {
      Consumer<VoskResult> ended = result -> segment(result, done.size(), done.isEmpty() ? 0 : done.get(done.size() - 1).end())
          .ifPresent(s -> {
            done.add(s);
            segments.accept(s);
          });
      listening.recognize(heard.hear(audio.format(), audio.pcm()), ended);
      listening.finish(heard.end(), ended);
    }
    return new Transcript(done, audio.millis() / 1000.0);
  }

  /** A segment of what Vosk heard in one utterance, or empty when it held no words. */
  static Optional<Transcript.Segment> segment(VoskResult result, int id, double previousEnd) {
    String text = result.text();
    if (text.isEmpty()) return Optional.empty();
    List<Transcript.Word> words = new ArrayList<>();
    double logSum = 0;
    for (VoskResult.Word w : result.words()) {
      words.add(new Transcript.Word(w.word(), w.start(), w.end(), w.confidence()));
      logSum += Math.log(Math.max(w.confidence(), 1e-6));
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
