package dev.hearth.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sched.Admission;
import dev.hearth.sched.FrontEnd;
import dev.hearth.sched.SharedThreads;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The other front ends' speech: synthesis on their lane, writes on their request threads, a deadline on each write. */
class FrontEndSpeechTest {
  private final SharedThreads threads = new SharedThreads("test-speech", 1, 0, 1, (pool, thread, error) -> {});
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService requests = Executors.newCachedThreadPool(r -> new Thread(r, "test-request"));
  private final CountingSpeech tts = new CountingSpeech();

  @AfterEach
  void stop() {
    threads.shutdownNow();
    timer.shutdownNow();
    requests.shutdownNow();
  }

  private FrontEndSpeech speech(long writeTimeoutMillis) {
    FrontEnd frontEnd = new FrontEnd(threads.lane("test"), threads.lane("test-stt"),
        new Admission("test", 1, 1, 1_000, timer), timer, writeTimeoutMillis, requests);
    return new FrontEndSpeech(tts, frontEnd);
  }

  @Test
  void synthesisRunsOnTheLaneAndTheWritesOnTheRequestThreadsSentenceBySentence() throws Exception {
    tts.chunksPerSentence = 3;
    Set<String> writeThreads = ConcurrentHashMap.newKeySet();
    AtomicInteger chunks = new AtomicInteger();
    speech(10_000).speak(List.of("One.", "Two."), "v", chunk -> {
      writeThreads.add(Thread.currentThread().getName());
      chunks.incrementAndGet();
    }, () -> {}, () -> false).get(10, TimeUnit.SECONDS);
    assertThat(chunks.get()).isEqualTo(6);
    assertThat(writeThreads).containsExactly("test-request");
    assertThat(tts.synthesisThreads).containsExactly("test-speech-1");
    assertThat(tts.closed.get()).isEqualTo(2);
  }

  /** Issue 15: a client that stopped reading kept its synthesis (and a speech thread) until the connection died. */
  @Test
  void aWriteThatTakesNothingPastTheWriteTimeoutLosesItsSynthesisAndIsHungUpOn() throws Exception {
    CountDownLatch hungUp = new CountDownLatch(1);
    Throwable failure = speech(100).speak(List.of("An endless sentence."), "v", chunk -> {
      try {
        hungUp.await(10, TimeUnit.SECONDS); // a client that reads nothing until the connection is broken
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, hungUp::countDown, () -> false).handle((done, e) -> e).get(20, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(IOException.class)
        .hasMessage("the client took no audio for 100 ms; its speech was abandoned");
    assertThat(hungUp.getCount()).isZero();
    assertThat(tts.closed.get()).isEqualTo(1);
    assertThat(tts.made.get()).as("no audio was made after the first chunk").isEqualTo(1);
  }

  @Test
  void aFailedWriteEndsTheSpeechAndClosesItsSynthesis() throws Exception {
    Throwable failure = speech(10_000).speak(List.of("An endless sentence."), "v", chunk -> {
      throw new IOException("the client has gone");
    }, () -> {}, () -> false).handle((done, e) -> e).get(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(IOException.class).hasMessage("the client has gone");
    assertThat(tts.closed.get()).isEqualTo(1);
    assertThat(tts.made.get()).isEqualTo(1);
  }

  @Test
  void speechThatIsNoLongerWantedStopsAtTheNextChunk() {
    AtomicInteger written = new AtomicInteger();
    speech(10_000).speak(List.of("An endless sentence."), "v", chunk -> written.incrementAndGet(), () -> {},
        () -> written.get() >= 5).join();
    assertThat(written.get()).isEqualTo(5);
    assertThat(tts.closed.get()).isEqualTo(1);
  }

}
