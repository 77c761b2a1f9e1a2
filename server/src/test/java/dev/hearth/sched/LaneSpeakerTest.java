package dev.hearth.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.tts.TextToSpeech;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaneSpeakerTest {
  private final SharedThreads threads = new SharedThreads("test-speech", 1, 0, 1, (pool, thread, error) -> {});
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final EndlessSpeech tts = new EndlessSpeech();

  @AfterEach
  void stop() {
    threads.shutdownNow();
    timer.shutdownNow();
  }

  private LaneSpeaker speaker(long writeTimeoutMillis) {
    FrontEnd frontEnd = new FrontEnd(threads.lane("test"), threads.lane("test-stt"),
        new Admission("test", 1, 1, 1_000, timer), timer, writeTimeoutMillis, Runnable::run);
    return new LaneSpeaker(tts, frontEnd);
  }

  @Test
  void synthesisRunsOnTheLaneAndTheSinkOnTheCallersThreadSentenceBySentence() throws Exception {
    tts.chunksPerSentence = 3;
    Set<String> sinkThreads = ConcurrentHashMap.newKeySet();
    AtomicInteger chunks = new AtomicInteger();
    speaker(10_000).speak(List.of("One.", "Two."), "v", chunk -> {
      sinkThreads.add(Thread.currentThread().getName());
      chunks.incrementAndGet();
    }, () -> {});
    assertThat(chunks.get()).isEqualTo(6);
    assertThat(sinkThreads).containsExactly(Thread.currentThread().getName());
    assertThat(tts.synthesisThreads).containsExactly("test-speech-1");
    assertThat(tts.closed.get()).isEqualTo(2);
  }

  /** Issue 15: a client that stopped reading kept its synthesis (and a speech thread) until the connection died. */
  @Test
  void aSinkThatTakesNothingPastTheWriteTimeoutLosesItsSynthesisAndIsHungUpOn() throws Exception {
    CountDownLatch hungUp = new CountDownLatch(1);
    assertThatThrownBy(() -> speaker(100).speak(List.of("An endless sentence."), "v", chunk -> {
      try {
        hungUp.await(10, TimeUnit.SECONDS); // a client that reads nothing until the connection is broken
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, hungUp::countDown)).isInstanceOf(IOException.class)
        .hasMessage("the client took no audio for 100 ms; its speech was abandoned");
    assertThat(hungUp.getCount()).isZero();
    assertThat(tts.closed.get()).isEqualTo(1);
    assertThat(tts.made.get()).as("no audio was made after the first chunk").isEqualTo(1);
  }

  /** Audio of silence, {@code chunksPerSentence} chunks a sentence (by default without end); counts what it does. */
  private static final class EndlessSpeech implements TextToSpeech {
    static final AudioFormat FORMAT = AudioFormat.pcm16(16_000, 1);
    volatile int chunksPerSentence = Integer.MAX_VALUE;
    final AtomicInteger made = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final Set<String> synthesisThreads = ConcurrentHashMap.newKeySet();

    @Override public AudioFormat outputFormat() { return FORMAT; }
    @Override public List<Voice> voices() { return List.of(new Voice("v", "en-US", "female", 16_000)); }
    @Override public String defaultVoice() { return "v"; }
    @Override public String engine() { return "endless"; }
    @Override public void close() { }

    @Override
    public Synthesis synthesize(String text, String voice) {
      synthesisThreads.add(Thread.currentThread().getName());
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
}
