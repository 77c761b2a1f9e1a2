package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.sched.Offload;
import dev.hearth.speech.InputFormats;
import dev.hearth.speech.Listening;
import dev.hearth.speech.UnsupportedAudio;
import dev.hearth.speech.UtteranceAudio;
import dev.hearth.speech.UtteranceTooLong;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskResult;
import dev.hearth.turn.SerialExecutor;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One speech-to-text request: takes the audio of {@code audio-chunk} events (each chunk in its own accepted format),
 * sends {@code transcript-start} when it opens, a {@code transcript-chunk} for each utterance Vosk closes at a pause,
 * and on {@link #finish} the last {@code transcript-chunk}, the whole {@code transcript} and {@code transcript-stop}.
 * The chunks' texts joined give the transcript.
 *
 * <p>Threads: the connection's thread converts each chunk and checks the utterance cap ({@link UtteranceAudio}), then
 * queues its recognition on Wyoming's lane of the recognition threads and goes back to reading; it does not wait for
 * Vosk. Recognition hands each {@code transcript-chunk} back as an event that the connection's thread writes between
 * events ({@link #sendReady}), so no recognition thread waits on a slow client. With {@value #MAX_QUEUED_CHUNKS}
 * chunks queued the connection stops reading until Vosk catches up (as vosk-server stops reading), and
 * {@link #finish} waits for the last result. A recognition failure is reported at the next event.
 */
final class Transcription implements AutoCloseable {
  /** Most audio chunks waiting for recognition before the connection stops reading. */
  static final int MAX_QUEUED_CHUNKS = 8;

  private final Listening listening;
  private final UtteranceAudio audio;
  private final String language;
  private final Executor lane;
  private final EventSink out;
  private final Semaphore room = new Semaphore(MAX_QUEUED_CHUNKS);
  /** transcript-chunk events recognition has made, in order, for the connection's thread to send. */
  private final Queue<WyomingEvent> ready = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  /** The transcript so far; written on the lane only. */
  private final StringBuilder text = new StringBuilder();
  /** Set when the request is abandoned: queued recognition is skipped. */
  private volatile boolean closed;

  private Transcription(Listening listening, long maxUtteranceMillis, String language, Executor lane, EventSink out) {
    this.listening = listening;
    this.audio = new UtteranceAudio(maxUtteranceMillis);
    this.language = language;
    this.lane = lane;
    this.out = out;
  }

  /** Borrows a recognizer (on the recognition lane; a pooled one is ready at once) and sends {@code transcript-start}. */
  static Transcription open(RecognizerSource source, String language, long maxUtteranceMillis, Executor recognition,
      EventSink out) throws SttException, InterruptedException, IOException {
    Executor lane = new SerialExecutor(recognition);
    Listening listening = new Listening(Offload.call(lane, source::open), 0);
    Transcription t = new Transcription(listening, maxUtteranceMillis, language, lane, out);
    try {
      ObjectNode data = WyomingEvent.newData();
      data.put("language", language);
      out.send(WyomingEvent.of("transcript-start", data));
      return t;
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
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

  /** Converts a piece of audio in {@code format} and queues its recognition; throws for a failure so far. */
  void audio(AudioFormat format, byte[] pcm) throws SttException, WyomingException, InterruptedException {
    rethrowFailure();
    AudioChunk chunk = capped(() -> audio.hear(format, pcm));
    if (chunk.pcm().length == 0) return;
    room.acquire();
    onLane(() -> listening.recognize(chunk, this::ended), room::release);
  }

  /** Sends the {@code transcript-chunk} events recognition has made so far; call it on the connection's thread. */
  void sendReady() throws IOException {
    for (WyomingEvent e = ready.poll(); e != null; e = ready.poll()) out.send(e);
  }

  /** Ends the audio: waits for the last result, then sends it, the {@code transcript} and {@code transcript-stop}. */
  String finish() throws SttException, WyomingException, InterruptedException, IOException {
    rethrowFailure();
    AudioChunk tail = capped(audio::end);
    CompletableFuture<String> whole = new CompletableFuture<>();
    onLane(() -> {
      listening.finish(tail, this::ended);
      whole.complete(text.toString());
    }, () -> whole.complete(null)); // null: skipped or failed
    String transcript;
    try {
      transcript = whole.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // never completed exceptionally
    } catch (InterruptedException e) {
      closed = true;
      throw e;
    }
    rethrowFailure();
    if (transcript == null) throw new SttException("the transcription was abandoned");
    sendReady();
    ObjectNode data = WyomingEvent.newData();
    data.put("text", transcript);
    data.put("language", language);
    out.send(WyomingEvent.of("transcript", data));
    out.send(WyomingEvent.of("transcript-stop"));
    return transcript;
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

  /** Adds a closed utterance's text and readies it as a {@code transcript-chunk}; on the lane. */
  private void ended(VoskResult result) {
    if (result.text().isEmpty()) return;
    String piece = text.length() == 0 ? result.text() : " " + result.text();
    text.append(piece);
    ObjectNode data = WyomingEvent.newData();
    data.put("text", piece);
    ready.add(WyomingEvent.of("transcript-chunk", data));
  }

  /**
   * Runs recognition on the lane unless the request was abandoned or failed, keeping the first failure; then runs
   * {@code after} whatever happened.
   */
  private void onLane(Step step, Runnable after) {
    lane.execute(() -> {
      try {
        if (!closed && failure.get() == null) step.run();
      } catch (Throwable e) { // JNA reports a native fault as an Error; a task that threw would stop the lane for good
        failure.compareAndSet(null, e);
      } finally {
        after.run();
      }
    });
  }

  private void rethrowFailure() throws SttException {
    Throwable e = failure.get();
    if (e == null) return;
    if (e instanceof SttException stt) throw stt;
    if (e instanceof RuntimeException r) throw r;
    throw new SttException("recognition failed: " + e, e);
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
