package dev.hearth.health;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Speaks every text as two chunks of 100 ms of silence, until {@link #wedge()}: from then on every read blocks, the
 * way MaryTTS's speech thread waited forever on a producer that died, until {@link #unwedge()}.
 */
final class WedgeableTextToSpeech implements TextToSpeech {
  static final AudioFormat FORMAT = AudioFormat.pcm16(16_000, 1);
  private volatile CountDownLatch wedge = new CountDownLatch(0);

  void wedge() {
    wedge = new CountDownLatch(1);
  }

  void unwedge() {
    wedge.countDown();
  }

  @Override public AudioFormat outputFormat() { return FORMAT; }
  @Override public List<Voice> voices() { return List.of(new Voice("silence", "en-US", "female", FORMAT.rateHz())); }
  @Override public String defaultVoice() { return "silence"; }
  @Override public String engine() { return "wedgeable silence"; }
  @Override public void close() { unwedge(); }

  @Override
  public Synthesis synthesize(String text, String voice) {
    return new Synthesis() {
      int left = 2;

      @Override
      public AudioChunk next() throws TtsException {
        try {
          wedge.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TtsException("interrupted while wedged");
        }
        return left-- > 0 ? new AudioChunk(FORMAT, new byte[FORMAT.bytesPerSecond() / 10]) : null;
      }

      @Override
      public void close() { }
    };
  }
}
