package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioFormat;
import dev.hearth.stt.SttException;
import dev.hearth.tts.TtsException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's requests, answered in the order their events came. The connection's reader hands each event over
 * ({@link #take}) and goes back to reading; each event is a step run on the app's request threads once the step before
 * it is done. A step waits for nothing: it starts its work (a recognizer borrowed and audio recognized on Wyoming's
 * recognition lane, speech made on its speech lane) and answers a future that completes once its answer is written,
 * and the next step starts then. At most {@value #MAX_PENDING_EVENTS} events wait or are being answered; the reader
 * stops reading meanwhile ({@link #awaitRoom}).
 *
 * <p>This is the edge where failures become {@code error{text, code}}; the session then ends, and the connection
 * closes once the {@code error} is written (Home Assistant skips {@code error} events, so only the closed socket ends
 * its wait). An event type Hearth does not serve gets {@code error{code: unknown_event}} and the session goes on, since
 * the stream is still in step and newer clients may send events this server does not know.
 */
final class WyomingSession {
  private static final Logger log = LoggerFactory.getLogger(WyomingSession.class);
  /** Most events taken and not yet answered before the reader stops reading. */
  static final int MAX_PENDING_EVENTS = 8;
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final WyomingConnection.Context context;
  private final EventSink out;
  private final String client;
  /** Runs the steps; none of them blocks. */
  private final Executor steps;
  /** Runs once the session has ended and its last event is written: the connection may close. */
  private final Runnable ended;
  private final Synthesizer synthesizer;
  /** The transcription of the audio being sent, if any; touched by the steps only, one after another. */
  private Transcription transcription;
  /** The last step taken; the reader's only. */
  private CompletableFuture<Void> tail = DONE;
  /** Events taken and not yet answered; guarded by this. */
  private int pending;
  /** Whether the session has ended; guarded by this. */
  private boolean over;
  /** Set when the connection is lost or the server stops: the work in progress ends early, nothing more is answered. */
  private volatile boolean abandoned;

  /** @param ended runs once the session has ended and its last event is written (or could not be) */
  WyomingSession(WyomingConnection.Context context, EventSink out, String client, Runnable ended) {
    this.context = context;
    this.out = out;
    this.client = client;
    this.steps = context.speech().frontEnd().requestThreads();
    this.ended = ended;
    this.synthesizer = new Synthesizer(context.speech().tts(), context.speech().frontEnd(), out, () -> abandoned,
        context.limits().maxStreamTextChars());
  }

  /**
   * Queues {@code event}'s answer after the answers before it, on the reader's thread; false when it is the last event
   * the connection reads ({@code audio-stop}: the transcript is the last answer, as wyoming-faster-whisper and
   * wyoming-vosk do).
   */
  boolean take(WyomingEvent event) {
    synchronized (this) {
      pending++;
    }
    tail = tail.thenComposeAsync(before -> abandoned ? DONE : attempt(() -> answer(event)), steps)
        .whenComplete((answered, failure) -> {
          synchronized (this) {
            pending--;
            notifyAll();
          }
          if (failure != null) end(failure);
        });
    return !event.type().equals("audio-stop");
  }

  /** Waits, on the reader's thread, while {@value #MAX_PENDING_EVENTS} events are unanswered; false once the session has ended. */
  synchronized boolean awaitRoom() throws InterruptedException {
    while (pending >= MAX_PENDING_EVENTS && !over) wait();
    return !over;
  }

  /** Whether an event is waiting or being answered (then the connection's idle time does not run). */
  synchronized boolean answering() {
    return pending > 0;
  }

  /**
   * The reader is done: ends the session once the events taken are answered, with {@code failure}'s {@code error}
   * unless an answer failed first (null: no error). Called once, on the reader's thread.
   */
  void finish(Throwable failure) {
    tail.whenComplete((answered, first) -> end(first != null ? first : failure));
  }

  /** The connection is lost or the server stops ({@code why}): ends the work in progress and answers nothing more. */
  void abandon(Throwable why) {
    abandoned = true;
    synthesizer.cancel();
    finish(why);
  }

  /** Answers one event; the future completes once the answer is written. */
  private CompletableFuture<Void> answer(WyomingEvent event) throws WyomingException, SttException {
    switch (event.type()) {
      case "describe":
        return out.send(context.info());
      case "ping":
        ObjectNode pong = WyomingEvent.newData();
        String text = event.text("text");
        if (text != null) pong.put("text", text);
        return out.send(WyomingEvent.of("pong", pong));
      case "transcribe":
        transcribe(event);
        return DONE;
      case "audio-start":
        return startAudio(Transcription.format(event));
      case "audio-chunk":
        AudioFormat format = Transcription.format(event);
        if (transcription != null) return transcription.audio(format, event.payload());
        return startAudio(format).thenCompose(opened -> attempt(() -> transcription.audio(format, event.payload())));
      case "audio-stop":
        return stopAudio();
      case "synthesize":
        return synthesizer.synthesize(event);
      case "synthesize-start":
        synthesizer.start(event);
        return DONE;
      case "synthesize-chunk":
        return synthesizer.chunk(event);
      case "synthesize-stop":
        return synthesizer.stop();
      default:
        ObjectNode error = WyomingEvent.newData();
        error.put("text", "Hearth does not handle '" + event.type() + "' events; it serves describe, ping, transcribe, "
            + "audio-start/chunk/stop, synthesize and synthesize-start/chunk/stop");
        error.put("code", "unknown_event");
        return out.send(WyomingEvent.of("error", error));
    }
  }

  /** {@code transcribe}: the model's language, or one of its dialects ({@code en-US} for {@code en}), is accepted. */
  private void transcribe(WyomingEvent event) throws WyomingException {
    String wanted = event.text("language");
    String model = context.speech().sttLanguage();
    if (wanted != null && !wanted.split("[-_]")[0].toLowerCase(Locale.ROOT).equals(model)) {
      throw new WyomingException("unsupported_language", "The speech model understands '" + model + "', not '" + wanted
          + "' (stt.language, stt.model_dir)");
    }
    closeTranscription(); // a new request: forget the audio of the last one
  }

  /** Opens a transcription (replacing an unfinished one); completes once {@code transcript-start} is written. */
  private CompletableFuture<Void> startAudio(AudioFormat format) {
    closeTranscription();
    WyomingServer.Speech speech = context.speech();
    log.debug("Wyoming client {}: audio {}", client, format);
    return Transcription.open(speech.recognizers(), speech.sttLanguage(), speech.maxUtteranceMillis(),
        speech.frontEnd().recognition(), out).thenAccept(opened -> transcription = opened);
  }

  /** {@code audio-stop}: the whole transcript; with no audio at all, an empty one (as wyoming-faster-whisper does). */
  private CompletableFuture<Void> stopAudio() throws SttException, WyomingException {
    String language = context.speech().sttLanguage();
    if (transcription == null) {
      ObjectNode start = WyomingEvent.newData();
      start.put("language", language);
      out.send(WyomingEvent.of("transcript-start", start));
      ObjectNode empty = WyomingEvent.newData();
      empty.put("text", "");
      empty.put("language", language);
      out.send(WyomingEvent.of("transcript", empty));
      return out.send(WyomingEvent.of("transcript-stop"));
    }
    long stopped = System.nanoTime();
    Transcription t = transcription;
    return t.finish().thenAccept(text -> log.info("Wyoming client {}: transcribed {} ms of audio into {} characters, "
        + "{} ms after audio-stop", client, t.heardMillis(), text.length(), (System.nanoTime() - stopped) / 1_000_000));
  }

  private void closeTranscription() {
    if (transcription != null) transcription.close();
    transcription = null;
  }

  /** Ends the session once: frees the recognizer, sends the {@code error} {@code failure} calls for, then lets the connection close. */
  private void end(Throwable failure) {
    synchronized (this) {
      if (over) return;
      over = true;
      notifyAll();
    }
    closeTranscription(); // no step runs now: the one that failed is done, and the rest are skipped
    WyomingEvent error = error(unwrap(failure));
    CompletableFuture<Void> last = error == null || abandoned ? DONE : out.send(error);
    last.whenComplete((written, e) -> ended.run());
  }

  /** The {@code error} event for {@code failure}, logged; null when there is none to send. */
  private WyomingEvent error(Throwable failure) {
    String code;
    String text;
    if (failure == null) {
      return null;
    } else if (failure instanceof WyomingException e) {
      log.info("Wyoming client {}: {} ({})", client, e.getMessage(), e.code());
      code = e.code();
      text = e.getMessage();
    } else if (failure instanceof SttException e) {
      log.warn("Wyoming client {}: speech recognition failed: {}", client, e.getMessage());
      code = "stt_failed";
      text = "Speech recognition failed: " + e.getMessage();
    } else if (failure instanceof TtsException e) {
      log.warn("Wyoming client {}: speech synthesis failed: {}", client, e.getMessage());
      code = "tts_failed";
      text = "Speech synthesis failed: " + e.getMessage();
    } else if (failure instanceof DeadlineInput.EventDeadlineException e) {
      log.info("Wyoming client {}: {}; closing", client, e.getMessage());
      code = "event_timeout";
      text = e.getMessage();
    } else if (failure instanceof SocketTimeoutException) {
      int idle = context.limits().idleMillis();
      log.info("Wyoming client {}: nothing received for {} ms; closing", client, idle);
      code = "idle_timeout";
      text = "Nothing was received for " + idle + " ms";
    } else if (failure instanceof IOException || failure instanceof CancellationException || failure instanceof InterruptedException) {
      log.debug("Wyoming client {}: connection lost or server stopping: {}", client, failure.toString());
      return null;
    } else {
      log.warn("Wyoming client {}: unexpected failure", client, failure);
      code = "server_error";
      text = "The server failed: " + failure;
    }
    ObjectNode data = WyomingEvent.newData();
    data.put("text", text);
    data.put("code", code);
    return WyomingEvent.of("error", data);
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) e = e.getCause();
    return e;
  }

  /** The step's future, or a failed one for what it threw. */
  private static <T> CompletableFuture<T> attempt(Step<T> step) {
    try {
      return step.run();
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    CompletableFuture<T> run() throws Exception;
  }
}
