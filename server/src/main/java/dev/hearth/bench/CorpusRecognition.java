package dev.hearth.bench;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.Wav;
import dev.hearth.speech.Listening;
import dev.hearth.speech.RecognizerAudio;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskResult;
import dev.hearth.stt.VoskSpeechToText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The command benchmark's recognition: every recording heard by open recognition (with its alternatives), by the
 * phrase grammar (with its) and by the word grammar, on a pool of threads, each with its own recognizers.
 */
final class CorpusRecognition {
  private final VoskSpeechToText stt;
  private final List<String> phraseGrammar;
  private final List<String> wordGrammar;
  /** How many readings open recognition and the phrase grammar give. */
  private final int alternatives;

  CorpusRecognition(VoskSpeechToText stt, List<String> phraseGrammar, List<String> wordGrammar, int alternatives) {
    this.stt = stt;
    this.phraseGrammar = phraseGrammar;
    this.wordGrammar = wordGrammar;
    this.alternatives = alternatives;
  }

  List<HeardRecording> recognize(List<Path> files, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Listener> listeners = new ArrayList<>();
    ThreadLocal<Listener> own = ThreadLocal.withInitial(() -> {
      Listener l = new Listener();
      synchronized (listeners) {
        listeners.add(l);
      }
      return l;
    });
    try {
      List<Future<HeardRecording>> pending = new ArrayList<>();
      for (Path file : files) pending.add(pool.submit(() -> own.get().hear(file)));
      List<HeardRecording> heard = new ArrayList<>();
      for (Future<HeardRecording> f : pending) heard.add(f.get());
      return heard;
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
      listeners.forEach(Listener::close);
    }
  }

  /** One thread's recognizers: the grammars are compiled once and reused for every recording. */
  private final class Listener implements AutoCloseable {
    private final VoskRecognizer phrases;
    private final VoskRecognizer words;

    Listener() {
      try {
        phrases = stt.recognizer(new VoskRecognizer.Options(false, alternatives, Optional.of(phraseGrammar)));
        words = stt.recognizer(new VoskRecognizer.Options(false, 0, Optional.of(wordGrammar)));
      } catch (SttException e) {
        throw new IllegalStateException(e);
      }
    }

    /** A recording at {@code .../CONDITION/VOICE/ID.wav}. */
    HeardRecording hear(Path file) throws Exception {
      byte[] pcm = pcm16k(file);
      List<String> open;
      try (VoskRecognizer r = stt.recognizer(new VoskRecognizer.Options(false, alternatives, Optional.empty()))) {
        open = readings(r, pcm);
      }
      String id = file.getFileName().toString().replace(".wav", "");
      return new HeardRecording(file.getParent().getParent().getFileName().toString(), file.getParent().getFileName().toString(),
          id, open, readings(phrases, pcm), readings(words, pcm).get(0));
    }

    @Override
    public void close() {
      phrases.close();
      words.close();
    }
  }

  /**
   * Feeds the whole recording in 100 ms pieces and returns its readings ({@link VoskResult#readings}); the recognizer
   * is then ready for the next recording.
   */
  private static List<String> readings(VoskRecognizer r, byte[] pcm) throws SttException {
    List<VoskResult> results = new ArrayList<>();
    new Listening(r, 3_200).finish(new AudioChunk(AudioFormat.STT, pcm), results::add); // not closed: r is reused
    r.reset();
    return VoskResult.readings(results);
  }

  private static byte[] pcm16k(Path file) throws Exception {
    AudioChunk audio = Wav.read(file);
    RecognizerAudio heard = new RecognizerAudio();
    byte[] body = heard.hear(audio.format(), audio.pcm()).pcm();
    byte[] tail = heard.end().pcm();
    byte[] all = Arrays.copyOf(body, body.length + tail.length);
    System.arraycopy(tail, 0, all, body.length, tail.length);
    return all;
  }

  /** Open recognition's words for one recording, as the real-speech WER counts them. */
  String transcribe(Path file) throws Exception {
    try (VoskRecognizer r = stt.recognizer(new VoskRecognizer.Options(false, 0, Optional.empty()))) {
      return readings(r, pcm16k(file)).get(0);
    }
  }
}
