package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioChunk;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/audio/transcriptions}: a multipart form with a WAV {@code file} and a {@code model}, answered in the
 * {@code response_format} asked for, or as server-sent events with {@code stream=true} (one
 * {@code transcript.text.delta} per utterance Vosk ends, then {@code transcript.text.done}). The form is read on the
 * Jetty thread ({@link TranscriptionForm}); recognition runs on the STT pool. {@code prompt},
 * {@code temperature}, {@code include[]}, {@code chunking_strategy} and the diarization fields are accepted and
 * ignored.
 */
final class Transcriptions {
  private static final Logger log = LoggerFactory.getLogger(Transcriptions.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Room for the form's other fields beside the file. */
  static final long FIELDS_BYTES = TranscriptionForm.FIELDS_BYTES;

  private final Recognition recognition;
  private final TranscriptionForm form;
  private final Executor sttPool;
  private final Executor requestThreads;

  /**
   * @param language the speech model's language, ISO 639-1 ({@code stt.language})
   * @param maxUploadBytes the largest audio file taken ({@code openai_server.max_upload_bytes})
   * @param sttPool where recognition runs (this front end's lane of the recognition threads)
   * @param requestThreads where a streamed transcription is written to its client, never a recognition thread
   */
  Transcriptions(Recognition recognition, Models models, String language, long maxUploadBytes, Executor sttPool,
      Executor requestThreads) {
    this.recognition = recognition;
    this.form = new TranscriptionForm(models, language, maxUploadBytes);
    this.sttPool = sttPool;
    this.requestThreads = requestThreads;
  }

  void handle(Context ctx) {
    TranscriptionForm.Request request = form.parse(ctx);
    if (request.stream()) {
      OpenAiApi.async(ctx, "Speech recognition", "stt_failed",
          () -> CompletableFuture.runAsync(() -> stream(ctx, request), requestThreads));
      return;
    }
    OpenAiApi.async(ctx, "Speech recognition", "stt_failed", () -> CompletableFuture
        .supplyAsync(() -> transcribe(request.audio(), s -> {}), sttPool)
        .thenAccept(t -> answer(ctx, request, t)));
  }

  private Transcript transcribe(AudioChunk audio, Consumer<Transcript.Segment> segments) {
    try {
      return recognition.transcribe(audio, segments);
    } catch (Exception e) {
      throw OpenAiError.server("Speech recognition failed: " + e.getMessage(), "stt_failed").failure();
    }
  }

  private void answer(Context ctx, TranscriptionForm.Request request, Transcript t) {
    switch (request.format()) {
      case JSON -> ctx.contentType("application/json").result(bytes(TranscriptFormats.json(t)));
      case VERBOSE_JSON -> ctx.contentType("application/json")
          .result(bytes(TranscriptFormats.verboseJson(t, languageName(), request.words())));
      case TEXT -> ctx.contentType("text/plain; charset=utf-8").result(bytes(TranscriptFormats.text(t)));
      case SRT -> ctx.contentType("text/plain; charset=utf-8").result(bytes(TranscriptFormats.srt(t)));
      case VTT -> ctx.contentType("text/vtt; charset=utf-8").result(bytes(TranscriptFormats.vtt(t)));
    }
  }

  /**
   * Server-sent events: a delta per utterance as Vosk ends it (each after the first begins with a space), then done.
   * Recognition runs on the recognition lane and hands each event over; this request's own thread writes them, so a
   * client that reads slowly holds no recognition thread.
   */
  private void stream(Context ctx, TranscriptionForm.Request request) {
    ResponseStream events;
    try {
      events = ResponseStream.events(ctx);
    } catch (IOException e) {
      return; // the client has gone
    }
    BlockingQueue<Optional<String>> ready = new LinkedBlockingQueue<>(); // empty: recognition has ended
    CompletableFuture<Transcript> recognized = CompletableFuture.supplyAsync(() -> transcribe(request.audio(), segment ->
        ready.add(Optional.of(JSON.createObjectNode().put("type", "transcript.text.delta")
            .put("delta", (segment.id() == 0 ? "" : " ") + segment.text()).toString()))), sttPool);
    recognized.whenComplete((t, e) -> ready.add(Optional.empty()));
    try {
      for (Optional<String> event = ready.take(); event.isPresent(); event = ready.take()) events.event(event.get());
      Transcript t = recognized.join();
      ObjectNode done = JSON.createObjectNode().put("type", "transcript.text.done").put("text", t.text());
      done.set("usage", TranscriptFormats.usage(t));
      events.event(done.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      events.abort(e);
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      log.warn("Streamed transcription failed", cause);
      ObjectNode error = (cause instanceof OpenAiError.Failure f ? f.error()
          : OpenAiError.server("Speech recognition failed: " + cause.getMessage(), "stt_failed")).toJson();
      error.put("type", "error");
      events.event(error.toString());
    }
  }

  /** The model's language as verbose_json names it, e.g. {@code english}. */
  String languageName() {
    return form.languageName();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
