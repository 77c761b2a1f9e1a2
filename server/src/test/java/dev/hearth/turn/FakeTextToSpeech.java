package dev.hearth.turn;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Speaks every sentence as {@code chunksPerSentence} chunks of 100 ms of silence; can be told to fail. */
final class FakeTextToSpeech implements TextToSpeech {
  static final AudioFormat FORMAT = AudioFormat.pcm16(24_000, 1);
  private final int chunksPerSentence;
  final AtomicInteger chunksMade = new AtomicInteger();
  volatile String failOn;

  FakeTextToSpeech(int chunksPerSentence) {
    this.chunksPerSentence = chunksPerSentence;
  }

  @Override public AudioFormat outputFormat() { return FORMAT; }
  @Override public List<Voice> voices() { return List.of(new Voice("v", "en-US", "female", 24_000)); }
  @Override public String defaultVoice() { return "v"; }
  @Override public String engine() { return "fake"; }
  @Override public void close() { }

  @Override
  public Synthesis synthesize(String text, String voice) throws TtsException {
    if (text.equals(failOn)) throw new TtsException("told to fail on \"" + text + "\"");
    return new Synthesis() {
      int left = chunksPerSentence;

      @Override
      public AudioChunk next() {
        if (left-- <= 0) return null;
        chunksMade.incrementAndGet();
        return new AudioChunk(FORMAT, new byte[FORMAT.bytesPerSecond() / 10]);
      }

      @Override
      public void close() { }
    };
  }
}
