package dev.hearth.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.tts.TtsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpeechLoopTest {
  private final CountingSpeech tts = new CountingSpeech();

  @Test
  void onTheCallersSpeechThreadEverySentenceIsSpokenInOrderAndClosed() {
    tts.chunksPerSentence = 2;
    List<String> heard = new ArrayList<>();
    SpeechLoop.speak(tts, SpeechLoop.sentences("One. Two! Three?"), "w", SpeechLoop.ON_SPEECH_THREAD, chunk -> {
      heard.add(Thread.currentThread().getName());
      return null;
    }, () -> false).join();
    assertThat(heard).hasSize(6).containsOnly(Thread.currentThread().getName());
    assertThat(tts.closed.get()).isEqualTo(3);
    assertThat(tts.voicesUsed).containsExactly("w");
  }

  /** A sink that holds the loop back gets no chunk until it lets it go on: synthesis keeps pace with the audio taken. */
  @Test
  void theSinkHoldsSynthesisBackUntilItCanTakeMore() throws Exception {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    ExecutorService speech = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Void> done = SpeechLoop.speak(tts, List.of("Endless."), "v", speech, chunk -> {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        synchronized (pending) {
          pending.add(taken);
        }
        return taken;
      }, () -> false);
      Thread.sleep(200);
      assertThat(tts.made.get()).isEqualTo(1);
      for (int i = 1; i <= 3; i++) {
        CompletableFuture<Void> last;
        synchronized (pending) {
          last = pending.get(pending.size() - 1);
        }
        last.complete(null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tts.made.get() == i && System.nanoTime() < deadline) Thread.sleep(5);
      }
      assertThat(tts.made.get()).isEqualTo(4);
      synchronized (pending) {
        pending.get(pending.size() - 1).completeExceptionally(new IllegalStateException("gone"));
      }
      assertThat(done.handle((ok, e) -> e).get(5, TimeUnit.SECONDS)).hasMessage("gone");
      assertThat(tts.closed.get()).isEqualTo(1);
    } finally {
      speech.shutdownNow();
    }
  }

  @Test
  void aFailedSentenceEndsTheSpeechWithItsErrorAndSpeaksNoMore() throws Exception {
    tts.chunksPerSentence = 1;
    tts.failOn = "Two.";
    AtomicInteger chunks = new AtomicInteger();
    Throwable failure = SpeechLoop.speak(tts, List.of("One.", "Two.", "Three."), "v", SpeechLoop.ON_SPEECH_THREAD, chunk -> {
      chunks.incrementAndGet();
      return null;
    }, () -> false).handle((ok, e) -> e).get();
    assertThat(failure).isInstanceOf(TtsException.class).hasMessage("cannot say Two.");
    assertThat(chunks.get()).isEqualTo(1);
    assertThat(tts.closed.get()).isEqualTo(1);
  }

  @Test
  void speechWhoseThreadsAreGoneFailsInsteadOfHanging() {
    Executor shutDown = task -> {
      throw new java.util.concurrent.RejectedExecutionException("the threads are shut down");
    };
    CompletableFuture<Void> done = SpeechLoop.speak(tts, List.of("One."), "v", shutDown, chunk -> null, () -> false);
    assertThat(done).isCompletedExceptionally();
  }
}
