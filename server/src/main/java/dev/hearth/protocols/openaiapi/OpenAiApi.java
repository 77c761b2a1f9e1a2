package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.brain.Responder;
import dev.hearth.config.OpenAiServerConfig;
import dev.hearth.web.SessionLimits;
import org.eclipse.jetty.http.BadMessageException;
import dev.hearth.sched.Busy;
import dev.hearth.sched.FrontEnd;
import dev.hearth.stt.VoskSpeechToText;
import dev.hearth.timer.Timers;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.web.OriginPolicy;
import dev.hearth.web.RouteGroup;
import dev.hearth.web.UnexpectedErrors;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible REST API under {@code /v1} (docs/openai-api.md), on the server's own ports: transcriptions
 * (Vosk), speech (MaryTTS), chat completions (the brain) and the model list, for programs written against OpenAI's
 * SDKs. Every answer that is not a success is an error in OpenAI's shape, unknown paths and wrong methods included.
 * Who may call it is {@link ApiAccess}'s decision. Handlers check the request on the Jetty thread and do the work on
 * the app's pools.
 */
public final class OpenAiApi implements RouteGroup {
  private static final Logger log = LoggerFactory.getLogger(OpenAiApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The paths served, each with its method, for telling 405 from 404. */
  private static final Map<Pattern, String> PATHS = Map.of(
      Pattern.compile("/v1/audio/transcriptions/?"), "POST",
      Pattern.compile("/v1/audio/speech/?"), "POST",
      Pattern.compile("/v1/chat/completions/?"), "POST",
      Pattern.compile("/v1/models(/.+)?/?"), "GET");

  /**
   * What chat completions need from the app.
   *
   * @param chain the brain's responders, in order, built with these timers and this system prompt
   * @param defaultSystemPrompt the prompt when the request has no system or developer message
   * @param localModel the local language model's name, when one is loaded (listed by {@code /v1/models})
   * @param zone the skills' time zone
   * @param contextTurns how many earlier messages the brain sees ({@code brain.context_events})
   * @param deadlineMillis how soon a model must have begun answering before the next responder does
   */
  public record Chat(BiFunction<Timers, String, List<Responder>> chain, String defaultSystemPrompt,
      Optional<String> localModel, ZoneId zone, int contextTurns, long deadlineMillis) {}

  /** Where the work runs: this front end's share of the speech and recognition threads, and the brain's threads. */
  public record Pools(FrontEnd frontEnd, Executor brain) {}

  private final OpenAiServerConfig config;
  private final Models models;
  private final Transcriptions transcriptions;
  private final Speech speech;
  private final ChatCompletions chat;

  /**
   * @param language the speech model's language ({@code stt.language})
   * @param clock gives the models' {@code created} time (now) and the completions'
   */
  public OpenAiApi(OpenAiServerConfig config, VoskSpeechToText stt, String language, TextToSpeech tts, Chat chat,
      Pools pools, Clock clock) {
    this.config = config;
    this.models = new Models(stt.modelName(), chat.localModel(), clock.instant().getEpochSecond());
    Recognition recognition = new Recognition(stt);
    this.transcriptions = new Transcriptions(recognition, models, language, config.maxUploadBytes(), pools.frontEnd().recognition(),
        pools.frontEnd().requestThreads());
    this.speech = new Speech(tts, models, pools.frontEnd());
    // base64 makes audio parts a third larger than the files they hold
    long maxChatBytes = Math.max(Bodies.DEFAULT_MAX_BYTES, config.maxUploadBytes() / 3 * 4 + Transcriptions.FIELDS_BYTES);
    this.chat = new ChatCompletions(chat, recognition, maxChatBytes, pools.frontEnd().recognition(), pools.brain(), clock);
  }

  /**
   * Under {@code /v1/}, an error no handler answered (see {@link UnexpectedErrors}) is written in OpenAI's form: a
   * {@code server_error} for a fault in the server, an {@code invalid_request_error} for Jetty's refusal of the request
   * (e.g. 408).
   */
  @Override
  public Optional<UnexpectedErrors.Answer> errorsFor(String path) {
    return path.startsWith("/v1/") ? Optional.of(OpenAiApi::writeUnexpected) : Optional.empty();
  }

  private static void writeUnexpected(Context ctx, int status, String message) {
    String type = status >= 500 ? OpenAiError.SERVER_ERROR : OpenAiError.INVALID_REQUEST;
    String code = status >= 500 ? "server_error" : status == 408 ? "request_timeout" : "invalid_request";
    new OpenAiError(status, message, type, null, code).writeTo(ctx);
  }

  /** Adds the routes, the access check before them, and the OpenAI-shaped errors. */
  @Override
  public void register(RoutesConfig routes, OriginPolicy origins) {
    ApiAccess access = new ApiAccess(config.apiKeys(), origins, config.allowedClients());
    routes.exception(OpenAiError.Failure.class, (e, ctx) -> e.error().writeTo(ctx));
    routes.before("/v1", access::check);
    routes.before("/v1/*", access::check);
    SessionLimits uploads = new SessionLimits("/v1 request bodies being read", config.maxConcurrentUploads(),
        "openai_server.max_concurrent_uploads", config.maxConcurrentUploads(), "openai_server.max_concurrent_uploads");
    routes.post("/v1/audio/transcriptions", guarded(gated(uploads, transcriptions::handle)));
    routes.post("/v1/audio/speech", guarded(gated(uploads, speech::handle)));
    routes.post("/v1/chat/completions", guarded(gated(uploads, chat::handle)));
    routes.get("/v1/models", guarded(ctx -> json(ctx, models.list())));
    routes.get("/v1/models/<id>", guarded(ctx -> json(ctx, models.find(ctx.pathParam("id")))));
    routes.options("/v1", ctx -> {});
    routes.options("/v1/*", ctx -> {}); // answered by the access check
    for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
      routes.addHttpHandler(type, "/v1", OpenAiApi::unknown);
      routes.addHttpHandler(type, "/v1/*", OpenAiApi::unknown);
    }
  }

  /** 405 for a path served with another method, else 404, both in OpenAI's words. */
  private static void unknown(Context ctx) {
    String path = ctx.path();
    for (Map.Entry<Pattern, String> p : PATHS.entrySet()) {
      if (p.getKey().matcher(path).matches()) {
        ctx.header("Allow", p.getValue());
        throw new OpenAiError(405, "Invalid method for URL (" + ctx.method() + " " + path + "): use " + p.getValue() + ".",
            OpenAiError.INVALID_REQUEST, null, "method_not_allowed").failure();
      }
    }
    throw new OpenAiError(404, "Invalid URL (" + ctx.method() + " " + path + "). This server offers POST "
        + "/v1/audio/transcriptions, POST /v1/audio/speech, POST /v1/chat/completions and GET /v1/models.",
        OpenAiError.INVALID_REQUEST, null, "unknown_url").failure();
  }

  /**
   * The handler, run only while fewer than {@code openai_server.max_concurrent_uploads} requests are in the part of
   * their handlers that reads the body (the model work runs later, off Jetty's threads); more are answered 503 (429
   * when one address holds them all) at once, before their bodies are read. This bounds both the Jetty threads that
   * slow or endless uploads can hold and the memory their bodies take, so {@code /ws} and the page always get threads.
   */
  private static Handler gated(SessionLimits uploads, Handler handler) {
    return ctx -> {
      SessionLimits.Lease lease;
      try {
        lease = uploads.open(ctx.ip());
      } catch (SessionLimits.Refused e) {
        ctx.header("Retry-After", "1");
        throw new OpenAiError(e.perClient() ? 429 : 503, e.getMessage(), OpenAiError.SERVER_ERROR, null, e.code()).failure();
      }
      try (lease) {
        handler.handle(ctx);
      }
    };
  }

  /** The handler, with whatever it throws turned into an OpenAI error (a 500 when it is not one already). */
  private static Handler guarded(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (OpenAiError.Failure f) {
        throw f;
      } catch (BadMessageException e) { // Jetty's, e.g. 408 for a body slower than server.min_request_bytes_per_second
        throw new OpenAiError(e.getCode(), "The request body could not be read: " + e.getReason()
            + (e.getCode() == 408 ? " (server.min_request_bytes_per_second); send the body at once" : ""),
            OpenAiError.INVALID_REQUEST, null, "body_read_failed").failure();
      } catch (HttpResponseException e) {
        throw new OpenAiError(e.getStatus(), e.getMessage(), e.getStatus() >= 500 ? OpenAiError.SERVER_ERROR
            : OpenAiError.INVALID_REQUEST, null, null).failure();
      } catch (Exception e) {
        log.warn("{} {} failed", ctx.method(), ctx.path(), e);
        throw OpenAiError.server(ctx.path() + " failed: " + e.getMessage(), null).failure();
      }
    };
  }

  /**
   * Runs {@code work} off the Jetty thread; a failure becomes an OpenAI error ({@code what} failed, {@code code}). Work
   * that streams its response handles its own failures once the response has begun.
   */
  static void async(Context ctx, String what, String code, Supplier<CompletableFuture<?>> work) {
    ctx.future(() -> work.get().exceptionally(e -> {
      OpenAiError error = OpenAiError.of(e, what, code);
      Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof Busy busy) ctx.header("Retry-After", Long.toString(busy.retryAfterSeconds()));
      if (error.status() >= 500) log.warn("{} {}: {}", ctx.method(), ctx.path(), error.message(), e);
      throw error.failure();
    }));
  }

  private static void json(Context ctx, Object body) throws Exception {
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(body));
  }
}
