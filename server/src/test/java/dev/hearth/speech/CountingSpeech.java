package dev.hearth.speech;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Silence, {@code chunksPerSentence} chunks of 50 ms a sentence (by default without end), in voices {@code v} (the
 * default) and {@code w}; counts what it makes and closes, and where. A sentence equal to {@code failOn} fails.
 */
final class CountingSpeech implements TextToSpeech {
  static final AudioFormat FORMAT = AudioFormat.pcm16(16_000, 1);
  volatile int chunksPerSentence = Integer.MAX_VALUE;
  volatile String failOn;
  final AtomicInteger made = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  final Set<String> synthesisThreads = ConcurrentHashMap.newKeySet();
  final Set<String> voicesUsed = ConcurrentHashMap.newKeySet();

  @Override public AudioFormat outputFormat() { return FORMAT; }
  @Override public List<Voice> voices() { return List.of(new Voice("v", "en-US", "female", 16_000), new Voice("w", "en-GB", "male", 16_000)); }
  @Override public String defaultVoice() { return "v"; }
  @Override public String engine() { return "counting"; }
  @Override public void close() { }

  @Override
  public Synthesis synthesize(String text, String voice) throws TtsException {
    synthesisThreads.add(Thread.currentThread().getName());
    voicesUsed.add(voice);
    if (text.equals(failOn)) throw new TtsException("cannot say " + text);
    return new Synthesis() {
      private int left = chunksPerSentence;

      @Override
      public AudioChunk next() {
        synthesisThreads.add(Thread.currentThread().getName());
        if (left-- <= 0) return null;
        made.incrementAndGet();
        return new AudioChunk(FORMAT, new byte[FORMAT.bytesPerSecond() / 20]);
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
  }
}
