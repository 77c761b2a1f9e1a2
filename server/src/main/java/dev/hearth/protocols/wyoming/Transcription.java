package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.speech.InputFormats;
import dev.hearth.speech.Listening;
import dev.hearth.speech.UnsupportedAudio;
import dev.hearth.speech.UtteranceAudio;
import dev.hearth.speech.UtteranceTooLong;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskResult;
import dev.hearth.turn.SerialExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One speech-to-text request: takes the audio of {@code audio-chunk} events (each chunk in its own accepted format),
 * sends {@code transcript-start} when it opens, a {@code transcript-chunk} for each utterance Vosk closes at a pause,
 * and on {@link #finish} the last {@code transcript-chunk}, the whole {@code transcript} and {@code transcript-stop}.
 * The chunks' texts joined give the transcript.
 *
 * <p>Threads: nothing here waits. The recognizer is borrowed, and each chunk recognized, on Wyoming's lane of the
 * recognition threads, one piece after another; each chunk is converted and checked against the utterance cap
 * ({@link UtteranceAudio}) by the connection's current step, which then goes on. Answers go to the connection's
 * writer ({@link EventSink}), so no recognition thread waits on a slow client. With {@value #MAX_QUEUED_CHUNKS}
 * chunks queued, {@link #audio} answers a future that completes once Vosk has caught up, so the connection stops
 * taking events (as vosk-server stops reading). A recognition failure is reported at the next chunk or at
 * {@link #finish}. The methods other than {@link #close} are called by the connection's steps, one at a time.
 */
final class Transcription implements AutoCloseable {
  /** Most audio chunks waiting for recognition before the connection stops taking events. */
  static final int MAX_QUEUED_CHUNKS = 8;

  private final Listening listening;
  private final UtteranceAudio audio;
  private final String language;
  private final Executor lane;
  private final EventSink out;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  /** The transcript so far; written on the lane only. */
  private final StringBuilder text = new StringBuilder();
  /** Chunks queued or being recognized; guarded by this. */
  private int queued;
  /** Completed when a queued chunk is done, for {@link #audio} waiting with the queue full; guarded by this. */
  private CompletableFuture<Void> room;
  /** Set when the request is abandoned: queued recognition is skipped. */
  private volatile boolean closed;

  private Transcription(Listening listening, long maxUtteranceMillis, String language, Executor lane, EventSink out) {
    this.listening = listening;
    this.audio = new UtteranceAudio(maxUtteranceMillis);
    this.language = language;
    this.lane = lane;
    this.out = out;
  }

  /**
   * Borrows a recognizer on the recognition lane (a pooled one is ready at once), then sends {@code transcript-start};
   * the future fails with the {@link SttException} of a recognizer that cannot be had.
   */
  static CompletableFuture<Transcription> open(RecognizerSource source, String language, long maxUtteranceMillis,
      Executor recognition, EventSink out) {
    Executor lane = new SerialExecutor(recognition);
    CompletableFuture<Transcription> opened = new CompletableFuture<>();
    try {
      lane.execute(() -> {
        try {
          opened.complete(new Transcription(new Listening(source.open(), 0), maxUtteranceMillis, language, lane, out));
        } catch (SttException | RuntimeException e) {
          opened.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) { // the app's threads are shut down
      opened.completeExceptionally(e);
    }
    return opened.thenCompose(t -> {
      ObjectNode data = WyomingEvent.newData();
      data.put("language", language);
      return out.send(WyomingEvent.of("transcript-start", data)).handle((sent, e) -> {
        if (e == null) return t;
        t.close();
        throw e instanceof CompletionException c ? c : new CompletionException(e);
      });
    });
  }

  /** The format of an {@code audio-start} or {@code audio-chunk} event; throws for what Hearth does not accept. */
  static AudioFormat format(WyomingEvent event) throws WyomingException {
    double rateHz = event.data().path("rate").isNumber() ? event.data().path("rate").asDouble() : event.integer("rate");
    try {
      return InputFormats.format(rateHz, event.integer("width"), event.integer("channels"));
    } catch (UnsupportedAudio e) {
      throw new WyomingException("unsupported_audio", e.getMessage());
    }
  }

  /**
   * Converts a piece of audio in {@code format} and queues its recognition; throws for a failure so far. The future
   * completes at once, or, with {@value #MAX_QUEUED_CHUNKS} chunks queued, once one of them is done.
   */
  CompletableFuture<Void> audio(AudioFormat format, byte[] pcm) throws SttException, WyomingException {
    rethrowFailure();
    AudioChunk chunk = capped(() -> audio.hear(format, pcm));
    if (chunk.pcm().length == 0) return CompletableFuture.completedFuture(null);
    synchronized (this) {
      queued++;
    }
    onLane(() -> listening.recognize(chunk, this::ended), this::chunkDone);
    synchronized (this) {
      if (queued < MAX_QUEUED_CHUNKS) return CompletableFuture.completedFuture(null);
      room = new CompletableFuture<>();
      return room;
    }
  }

  /**
   * Ends the audio: once the last result is known, sends it, the {@code transcript} and {@code transcript-stop}; the
   * future completes with the transcript once they are written, or fails with what went wrong.
   */
  CompletableFuture<String> finish() throws SttException, WyomingException {
    rethrowFailure();
    AudioChunk tail = capped(audio::end);
    CompletableFuture<String> whole = new CompletableFuture<>();
    onLane(() -> {
      listening.finish(tail, this::ended);
      whole.complete(text.toString());
    }, () -> {
      Throwable e = failure.get();
      whole.completeExceptionally(e == null ? new SttException("the transcription was abandoned")
          : e instanceof RuntimeException ? e : asStt(e));
    }); // a no-op when the transcript is known
    return whole.thenCompose(transcript -> {
      ObjectNode data = WyomingEvent.newData();
      data.put("text", transcript);
      data.put("language", language);
      out.send(WyomingEvent.of("transcript", data));
      return out.send(WyomingEvent.of("transcript-stop")).thenApply(sent -> transcript);
    });
  }

  /** The audio heard so far, in milliseconds. */
  long heardMillis() {
    return audio.heardMillis();
  }

  /** Frees the recognizer once what is already running on the lane is done; queued recognition is skipped. */
  @Override
  public void close() {
    closed = true;
    try {
      lane.execute(listening::close);
    } catch (RejectedExecutionException e) { // the app's pools are shut down: nothing runs there any more
      listening.close();
    }
  }

  /** Adds a closed utterance's text and sends it as a {@code transcript-chunk}; on the lane. */
  private void ended(VoskResult result) {
    if (result.text().isEmpty()) return;
    String piece = text.length() == 0 ? result.text() : " " + result.text();
    text.append(piece);
    ObjectNode data = WyomingEvent.newData();
    data.put("text", piece);
    out.send(WyomingEvent.of("transcript-chunk", data)); // a failed write fails the transcript-stop after it too
  }

  private void chunkDone() {
    CompletableFuture<Void> freed;
    synchronized (this) {
      queued--;
      freed = room;
      room = null;
    }
    if (freed != null) freed.complete(null);
  }

  /**
   * Runs recognition on the lane unless the request was abandoned or failed, keeping the first failure; then runs
   * {@code after} whatever happened.
   */
  private void onLane(Step step, Runnable after) {
    try {
      lane.execute(() -> {
        try {
          if (!closed && failure.get() == null) step.run();
        } catch (Throwable e) { // JNA reports a native fault as an Error; a task that threw would stop the lane for good
          failure.compareAndSet(null, e);
        } finally {
          after.run();
        }
      });
    } catch (RejectedExecutionException e) { // the app's threads are shut down
      failure.compareAndSet(null, e);
      after.run();
    }
  }

  private void rethrowFailure() throws SttException {
    Throwable e = failure.get();
    if (e == null) return;
    if (e instanceof RuntimeException r) throw r;
    throw asStt(e);
  }

  private static SttException asStt(Throwable e) {
    return e instanceof SttException stt ? stt : new SttException("recognition failed: " + e, e);
  }

  private static AudioChunk capped(Capped work) throws WyomingException {
    try {
      return work.get();
    } catch (UtteranceTooLong e) {
      throw new WyomingException("utterance_too_long", e.getMessage() + "; send shorter requests");
    }
  }

  private interface Step {
    void run() throws SttException;
  }

  private interface Capped {
    AudioChunk get() throws UtteranceTooLong;
  }
}
