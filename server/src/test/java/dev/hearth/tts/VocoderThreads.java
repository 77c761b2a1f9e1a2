package dev.hearth.tts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * MaryTTS's vocoder threads ({@code HTSVocoderDataProducer}) alive in this JVM, found by their stacks. MaryTTS's own
 * self-test at start-up leaves one behind for good, so tests compare with the threads alive before they began.
 */
public final class VocoderThreads {
  private static final String PRODUCER = "marytts.htsengine.HTSVocoder";

  private VocoderThreads() {}

  public static List<Thread> live() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().isAlive() && Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith(PRODUCER)))
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  /** Vocoder threads alive now but not in {@code before}. */
  public static List<Thread> since(List<Thread> before) {
    return live().stream().filter(t -> !before.contains(t)).toList();
  }

  /** Waits until no vocoder thread but those in {@code before} is alive; fails naming the others after {@code timeout}. */
  public static void awaitNoneSince(List<Thread> before, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Thread> left;
    while (!(left = since(before)).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(left.size() + " MaryTTS vocoder thread(s) still alive after " + timeout.toMillis()
            + " ms: " + left.stream().map(t -> t.getName() + " " + t.getState()).toList());
      }
      Thread.sleep(5);
    }
  }
}
