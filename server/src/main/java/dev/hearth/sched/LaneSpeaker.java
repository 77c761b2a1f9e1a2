package dev.hearth.sched;

import dev.hearth.audio.AudioChunk;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Speaks for one front end, sentence by sentence: starting each sentence and reading each chunk of its audio is one
 * piece of work on the front end's speech lane, so voice turns and other clients get the speech threads between them.
 * The audio goes to the sink on the caller's own thread, never on a speech thread. A sink that keeps one chunk longer
 * than the front end's write timeout (a client that stopped reading) loses the speech: the synthesis is closed at
 * once, {@code onStalled} runs (to break the connection), and an {@link IOException} ends {@link #speak} once the sink
 * returns.
 */
public final class LaneSpeaker {
  /** Takes the audio, on the speaking thread; may block while the client is slow. */
  @FunctionalInterface
  public interface Sink {
    void accept(AudioChunk chunk) throws IOException;
  }

  private final TextToSpeech tts;
  private final FrontEnd frontEnd;

  public LaneSpeaker(TextToSpeech tts, FrontEnd frontEnd) {
    this.tts = tts;
    this.frontEnd = frontEnd;
  }

  /** Speaks {@code sentences} in order with {@code voice}; blocks the calling thread (not a speech thread). */
  public void speak(List<String> sentences, String voice, Sink sink, Runnable onStalled)
      throws TtsException, IOException, InterruptedException {
    for (String sentence : sentences) {
      Guarded synthesis = new Guarded(Offload.call(frontEnd.speech(), () -> tts.synthesize(sentence, voice)));
      try {
        AudioChunk chunk;
        while ((chunk = Offload.call(frontEnd.speech(), synthesis::next)) != null) deliver(chunk, sink, synthesis, onStalled);
        if (synthesis.abandoned()) throw stalled();
      } finally {
        synthesis.close();
      }
    }
  }

  private void deliver(AudioChunk chunk, Sink sink, Guarded synthesis, Runnable onStalled) throws IOException {
    AtomicBoolean stalled = new AtomicBoolean();
    ScheduledFuture<?> watch = frontEnd.timer().schedule(() -> {
      stalled.set(true);
      synthesis.abandon();
      onStalled.run();
    }, frontEnd.writeTimeoutMillis(), TimeUnit.MILLISECONDS);
    try {
      sink.accept(chunk);
    } finally {
      watch.cancel(false);
    }
    if (stalled.get()) throw stalled();
  }

  private IOException stalled() {
    return new IOException("the client took no audio for " + frontEnd.writeTimeoutMillis() + " ms; its speech was abandoned");
  }

  /** A synthesis that the write deadline may close from its timer thread while the speaking thread is in the sink. */
  private static final class Guarded {
    private final TextToSpeech.Synthesis synthesis;
    private boolean closed;
    private boolean abandoned;

    Guarded(TextToSpeech.Synthesis synthesis) {
      this.synthesis = synthesis;
    }

    synchronized AudioChunk next() throws TtsException {
      return closed ? null : synthesis.next();
    }

    synchronized void abandon() {
      abandoned = true;
      close();
    }

    synchronized boolean abandoned() {
      return abandoned;
    }

    synchronized void close() {
      if (closed) return;
      closed = true;
      synthesis.close();
    }
  }
}
