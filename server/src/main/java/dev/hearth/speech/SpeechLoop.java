package dev.hearth.speech;

import dev.hearth.audio.AudioChunk;
import dev.hearth.tts.SentenceSplitter;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The synthesis loop every front end speaks through: one text after another (a sentence, or speech made elsewhere),
 * each synthesized as it is read. Each piece of work (reading one chunk of audio, opening its text first when it is
 * new) runs on the given speech executor: a front end's lane of the speech threads, or {@link #ON_SPEECH_THREAD} for a
 * caller already on one (the pipeline's TTS stage) or with nothing else to do ({@code hearth say}). Each chunk goes to
 * a {@link Sink}, which holds the loop back until it can take more (a socket's write done, playback caught up), so
 * synthesis runs only as fast as the audio is taken. No thread waits for synthesis or for the sink: the loop goes on
 * from whichever finishes. It stops early, closing the synthesis, once {@code cancelled} answers true, when the sink
 * fails, or when synthesis fails; its future then says which.
 */
public final class SpeechLoop {
  /**
   * The speech executor for a caller already on a speech thread: the pieces run one after another on the thread that
   * starts the loop, or on the one that lets the sink go on.
   */
  public static final Executor ON_SPEECH_THREAD = Runnable::run;

  /** One text to speak: opened (on a speech thread) when its turn comes. */
  @FunctionalInterface
  public interface Part {
    TextToSpeech.Synthesis open() throws TtsException;
  }

  /** Takes the audio. */
  @FunctionalInterface
  public interface Sink {
    /**
     * Takes one chunk, on a speech thread, without blocking. Returns null when it can take the next at once, else a
     * stage that completes when it can; a stage that fails ends the speech with its failure.
     */
    CompletionStage<?> accept(AudioChunk chunk);
  }

  private final Iterator<Part> parts;
  private final Executor speech;
  private final Sink sink;
  private final BooleanSupplier cancelled;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private TextToSpeech.Synthesis current;

  private SpeechLoop(List<Part> parts, Executor speech, Sink sink, BooleanSupplier cancelled) {
    this.parts = List.copyOf(parts).iterator();
    this.speech = speech;
    this.sink = sink;
    this.cancelled = cancelled;
  }

  /**
   * Speaks {@code parts} in order; the future completes once all are spoken or {@code cancelled} answered true, and
   * fails with the {@link TtsException} or the sink's failure that ended it.
   */
  public static CompletableFuture<Void> speak(List<Part> parts, Executor speech, Sink sink, BooleanSupplier cancelled) {
    SpeechLoop loop = new SpeechLoop(parts, speech, sink, cancelled);
    loop.next();
    return loop.done;
  }

  /** Speaks {@code sentences} with {@code voice} (an installed voice: see {@link Voices}). */
  public static CompletableFuture<Void> speak(TextToSpeech tts, List<String> sentences, String voice, Executor speech,
      Sink sink, BooleanSupplier cancelled) {
    List<Part> parts = new ArrayList<>();
    for (String sentence : sentences) parts.add(() -> tts.synthesize(sentence, voice));
    return speak(parts, speech, sink, cancelled);
  }

  /**
   * Speaks {@code texts} with {@code voice} on the caller's thread (a speech thread, or one with nothing else to do:
   * {@code hearth say}, the warm-up, the watchdog turn), each chunk to {@code sink}; returns once all is spoken.
   */
  public static void speakNow(TextToSpeech tts, List<String> texts, String voice, Consumer<AudioChunk> sink)
      throws TtsException {
    CompletableFuture<Void> spoken = speak(tts, texts, voice, ON_SPEECH_THREAD, chunk -> {
      sink.accept(chunk);
      return null;
    }, () -> false);
    try {
      spoken.join(); // done already: every piece ran on this thread
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TtsException t) throw t;
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw e;
    }
  }

  /** A text cut into its sentences, so the first is heard before the rest are made. */
  public static List<String> sentences(String text) {
    return SentenceSplitter.split(text);
  }

  private void next() {
    try {
      speech.execute(this::piece);
    } catch (RuntimeException e) { // the speech threads are shut down
      end(e);
    }
  }

  /** One piece of work: starts the next text when none is open, and hands one chunk of audio to the sink. */
  private void piece() {
    try {
      while (true) {
        if (cancelled.getAsBoolean()) {
          end(null);
          return;
        }
        if (current == null) {
          if (!parts.hasNext()) {
            end(null);
            return;
          }
          current = parts.next().open();
        }
        AudioChunk chunk = current.next();
        if (chunk == null) {
          closeCurrent();
          continue;
        }
        CompletionStage<?> ready = sink.accept(chunk);
        if (ready == null) {
          if (speech == ON_SPEECH_THREAD) continue; // a loop, not a recursion, on the caller's thread
          next();
        } else {
          ready.whenComplete((ok, failure) -> {
            if (failure != null) end(failure);
            else next();
          });
        }
        return;
      }
    } catch (TtsException | RuntimeException e) {
      end(e);
    } catch (Error e) {
      end(e);
      throw e; // the speech threads count it as a worker's death
    }
  }

  private void end(Throwable failure) {
    closeCurrent();
    if (failure == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
    }
  }

  private void closeCurrent() {
    if (current != null) current.close();
    current = null;
  }
}
