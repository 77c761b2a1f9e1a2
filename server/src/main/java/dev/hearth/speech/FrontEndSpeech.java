package dev.hearth.speech;

import dev.hearth.audio.AudioChunk;
import dev.hearth.sched.FrontEnd;
import dev.hearth.tts.TextToSpeech;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Speech for an HTTP front end (the MaryTTS API, {@code /v1}; a Wyoming connection has its own ordered writer and
 * write watchdog, and gives the {@link SpeechLoop} its writer as the sink): the {@link SpeechLoop} with
 * synthesis on the front end's lane of the speech threads, so voice turns and other clients get the speech threads
 * between its pieces, and each chunk written by one of its request threads, never a speech thread. The next chunk is
 * made once the last is written. A write that takes longer than the front end's write timeout (a client that stopped
 * reading) loses the speech: {@code onStalled} runs at once (to break the connection, which ends the write), and the
 * speech fails with an {@link IOException}, closing its synthesis.
 */
public final class FrontEndSpeech {
  /** Writes one chunk to the client; may block while the client is slow. Runs on a request thread. */
  @FunctionalInterface
  public interface Write {
    void accept(AudioChunk chunk) throws IOException;
  }

  private final TextToSpeech tts;
  private final FrontEnd frontEnd;

  public FrontEndSpeech(TextToSpeech tts, FrontEnd frontEnd) {
    this.tts = tts;
    this.frontEnd = frontEnd;
  }

  public TextToSpeech tts() {
    return tts;
  }

  /** Speaks {@code sentences} in order with {@code voice}; the future ends with the speech (see {@link SpeechLoop}). */
  public CompletableFuture<Void> speak(List<String> sentences, String voice, Write write, Runnable onStalled,
      BooleanSupplier cancelled) {
    return SpeechLoop.speak(tts, sentences, voice, frontEnd.speech(), chunk -> write(chunk, write, onStalled), cancelled);
  }

  private CompletableFuture<Void> write(AudioChunk chunk, Write write, Runnable onStalled) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    try {
      frontEnd.requestThreads().execute(() -> {
        AtomicBoolean stalled = new AtomicBoolean();
        ScheduledFuture<?> watch = frontEnd.timer().schedule(() -> {
          stalled.set(true);
          onStalled.run();
        }, frontEnd.writeTimeoutMillis(), TimeUnit.MILLISECONDS);
        try {
          write.accept(chunk);
        } catch (IOException | RuntimeException e) {
          written.completeExceptionally(stalled.get() ? stalled() : e);
          return;
        } finally {
          watch.cancel(false);
        }
        if (stalled.get()) written.completeExceptionally(stalled());
        else written.complete(null);
      });
    } catch (RuntimeException e) { // the request threads are shut down
      written.completeExceptionally(e);
    }
    return written;
  }

  private IOException stalled() {
    return new IOException("the client took no audio for " + frontEnd.writeTimeoutMillis() + " ms; its speech was abandoned");
  }
}
