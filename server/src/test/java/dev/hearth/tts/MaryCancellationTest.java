package dev.hearth.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hearth.audio.AudioChunk;
import dev.hearth.tts.TextToSpeech.Synthesis;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Abandoning or losing a synthesis with real MaryTTS: its vocoder thread and memory are freed, and no read hangs. */
class MaryCancellationTest {
  private static final String VOICE = "cmu-slt-hsmm";
  private static final String ANSWER = "Good morning. The kettle is on.";
  private static final String SHORT_ANSWER = "Yes. Done."; // two sentences, over a second of speech: many chunks
  private static final Duration GONE = Duration.ofSeconds(5);
  private static MaryTextToSpeech tts;
  private static List<Thread> before;

  @BeforeAll
  static void start() throws TtsException {
    tts = MaryTextToSpeech.start(VOICE, 24_000);
    before = VocoderThreads.live();
  }

  @AfterAll
  static void stop() {
    tts.close();
  }

  /**
   * Issue 15: every barge-in or disconnect leaked MaryTTS's vocoder thread, blocked on its full queue, and about
   * 6.5 MB with it; about 31 interruptions filled the heap. 500 answers started, barely read and closed must leave
   * the thread count and the live heap where they were.
   */
  @Test
  void issue15_fiveHundredInterruptedAnswersLeaveThreadsAndHeapAtBaseline() throws Exception {
    ExecutorService speechThreads = Executors.newFixedThreadPool(2); // as the server's: one MaryTTS, two readers
    try {
      interruptAnswers(speechThreads, 10); // warm up: both threads, classes, JIT, MaryTTS's caches
      long heapBefore = liveHeap();
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      for (int round = 0; round < 10; round++) interruptAnswers(speechThreads, 50); // fails in round 1 if they leak
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      long cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
      long heapAfter = liveHeap();
      int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
      System.out.printf("500 interrupted answers in %d ms (%d ms of CPU); live heap %.1f -> %.1f MB; threads %d -> %d%n",
          elapsedMillis, cpuMillis, heapBefore / 1e6, heapAfter / 1e6, threadsBefore, threadsAfter);
      assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + 2);
      assertThat(heapAfter - heapBefore).as("live heap growth in bytes").isLessThan(16_000_000); // 3 leaks: 20 MB
    } finally {
      speechThreads.shutdownNow();
    }
  }

  /** Issue 15: closing a synthesis left its vocoder threads (one per sentence) alive; now they end at once (time printed). */
  @Test
  void issue15_closingASynthesisEndsItsVocoderThreads() throws Exception {
    try (Synthesis s = tts.synthesize(ANSWER, VOICE)) {
      assertThat(s.next()).isNotNull();
      List<Thread> vocoders = VocoderThreads.since(before);
      assertThat(vocoders).isNotEmpty().hasSize(((MaryTextToSpeech.MarySynthesis) s).vocoders().size());
      long closed = System.nanoTime();
      s.close();
      long deadline = closed + GONE.toNanos();
      while (vocoders.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) Thread.onSpinWait();
      long micros = (System.nanoTime() - closed) / 1_000;
      System.out.printf("%d vocoder thread(s) ended %.3f ms after close()%n", vocoders.size(), micros / 1e3);
      assertThat(vocoders).as("vocoder threads alive " + GONE.toMillis() + " ms after close()").noneMatch(Thread::isAlive);
      assertThat(s.next()).isNull();
    }
  }

  /**
   * Issue 15: a vocoder thread that died of OutOfMemoryError left the speech thread waiting forever in
   * {@code getOneDataPoint}. Now the read fails, naming the cause, and the synthesis is freed.
   */
  @Test
  void issue15_aVocoderThatDiesFailsTheReadNamingTheCause() throws Exception {
    AtomicInteger samples = new AtomicInteger();
    MaryVocoders.Fault outOfMemory = () -> {
      if (samples.incrementAndGet() > 4_000) throw new OutOfMemoryError("injected by the test");
    };
    Synthesis s = tts.synthesize(ANSWER, VOICE, MaryTextToSpeech.STALL_MILLIS, outOfMemory);
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readAll(s)))
        .isInstanceOf(TtsException.class)
        .hasMessageContaining("vocoder thread ended before the audio did")
        .hasMessageContaining("OutOfMemoryError: injected by the test")
        .hasRootCauseInstanceOf(OutOfMemoryError.class);
    VocoderThreads.awaitNoneSince(before, GONE);
  }

  /** A vocoder thread that stops handing over samples fails the read after the stall limit, and is interrupted. */
  @Test
  void aVocoderThatStallsFailsTheReadAfterTheStallLimit() throws Exception {
    AtomicInteger samples = new AtomicInteger();
    MaryVocoders.Fault wedged = () -> {
      if (samples.incrementAndGet() == 4_000) Thread.sleep(60_000);
    };
    Synthesis s = tts.synthesize(ANSWER, VOICE, 300, wedged);
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> readAll(s)))
        .isInstanceOf(TtsException.class)
        .hasMessageContaining("made no audio for 300 ms");
    VocoderThreads.awaitNoneSince(before, GONE);
  }

  /** The watched vocoders still hand over every sample in order, from several threads sharing one MaryTTS. */
  @Test
  void answersReadToTheEndFromTwoThreadsAreWholeAndTheSame() throws Exception {
    byte[] alone = readAll(tts.synthesize(ANSWER, VOICE));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<byte[]> a = pool.submit(() -> readAll(tts.synthesize(ANSWER, VOICE)));
      Future<byte[]> b = pool.submit(() -> readAll(tts.synthesize(ANSWER, VOICE)));
      assertThat(alone.length).isGreaterThan(24_000 * 2); // more than a second of speech
      assertThat(a.get()).isEqualTo(alone);
      assertThat(b.get()).isEqualTo(alone);
    } finally {
      pool.shutdown();
    }
    VocoderThreads.awaitNoneSince(before, GONE);
  }

  /** Starts {@code count} answers on {@code threads}, reads one or two chunks of each and closes it; waits for their vocoders to end. */
  private static void interruptAnswers(ExecutorService threads, int count) throws Exception {
    List<Callable<Void>> answers = IntStream.range(0, count).<Callable<Void>>mapToObj(i -> () -> {
      try (Synthesis s = tts.synthesize(SHORT_ANSWER, VOICE)) {
        for (int chunk = 0; chunk <= i % 2; chunk++) assertThat(s.next()).isNotNull();
      }
      return null;
    }).toList();
    for (Future<Void> answer : threads.invokeAll(answers)) answer.get();
    VocoderThreads.awaitNoneSince(before, GONE);
  }

  private static byte[] readAll(Synthesis s) throws TtsException {
    try (s) {
      ByteArrayOutputStream pcm = new ByteArrayOutputStream();
      AudioChunk chunk;
      while ((chunk = s.next()) != null) pcm.writeBytes(chunk.pcm());
      return pcm.toByteArray();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long liveHeap() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
