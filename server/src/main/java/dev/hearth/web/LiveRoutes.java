package dev.hearth.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.config.OpenAiConfig;
import dev.hearth.openai.LiveSessions;
import dev.hearth.store.EventType;
import dev.hearth.store.NewEvent;
import dev.hearth.store.HistoryStore;
import dev.hearth.store.StoreExecutor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Live mode's routes (docs/live-mode.md): open a session, relay the page's SDP offer (or take the id of the call the
 * page made itself), end it, and store the transcripts the page forwards from the call's data channel into the
 * conversation. Registered only while {@code openai.live} is on; without a key they answer 503. Handlers check
 * their input on the Jetty thread and do the HTTP and SQLite work asynchronously.
 */
public final class LiveRoutes implements RouteGroup {
  static final int MAX_SDP_BYTES = 64 * 1024;
  static final int MAX_TRANSCRIPT_CHARS = 8_000;
  /** The data channel's events the page forwards, and what they become in the history. */
  static final Map<String, EventType> FORWARDED = Map.of(
      "conversation.item.input_audio_transcription.completed", EventType.USER_TRANSCRIPT,
      "response.output_audio_transcript.done", EventType.ASSISTANT_REPLY,
      "response.output_text.done", EventType.ASSISTANT_REPLY);
  public static final String SOURCE = "live";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Optional<LiveSessions> live;
  private final StoreExecutor<HistoryStore> store;
  private final Clock clock;
  private final List<String> pageConnectOrigins;

  /**
   * @param live the sessions, or empty when no OpenAI key is configured
   * @param openai whether the page makes the call itself ({@code openai.live_relay} off): then OpenAI's origin
   *     ({@code openai.base_url}) is one the page must reach
   */
  public LiveRoutes(Optional<LiveSessions> live, OpenAiConfig openai, StoreExecutor<HistoryStore> store, Clock clock) {
    this.live = live;
    this.store = store;
    this.clock = clock;
    this.pageConnectOrigins = live.isEmpty() || openai.liveRelay() ? List.of() : List.of(origin(openai.baseUrl()));
  }

  private static String origin(String url) {
    URI base = URI.create(url);
    return base.getScheme() + "://" + base.getAuthority();
  }

  @Override
  public List<String> pageConnectOrigins() {
    return pageConnectOrigins;
  }

  @Override
  public void register(RoutesConfig routes, OriginPolicy origins) {
    routes.post("/api/live/session", this::open);
    routes.post("/api/live/{id}/sdp", this::sdp);
    routes.post("/api/live/{id}/call", this::call);
    routes.post("/api/live/{id}/end", this::end);
    routes.post("/api/conversations/{id}/events", this::event);
  }

  private LiveSessions sessions() {
    return live.orElseThrow(() -> new ApiError(503, "openai_not_configured",
        "Live mode needs an OpenAI key: set openai.api_key (or OPENAI_API_KEY) and restart.").failure());
  }

  private void open(Context ctx) {
    LiveSessions sessions = sessions();
    JsonNode body = ctx.body().isBlank() ? MAPPER.createObjectNode() : ConversationRoutes.jsonObject(ctx);
    JsonNode given = body.get("conversation_id");
    if (given != null && !given.isNull() && !given.isTextual()) throw ApiError.badRequest("conversation_id must be a string").failure();
    String client = ctx.ip();
    Optional<LiveSessions.Refused> waiting = sessions.tooManyPending(client);
    if (waiting.isPresent()) { // before the conversation is made: a refusal changes nothing
      respond(ctx, waiting.get(), null);
      return;
    }
    long now = clock.millis();
    ctx.future(() -> store.submit(s -> {
          if (given == null || given.isNull()) return s.createConversation(UUID.randomUUID().toString(), null, now).id();
          if (s.conversation(given.asText()).isEmpty()) throw ApiError.notFound("no conversation with id " + given.asText()).failure();
          return given.asText();
        })
        .thenCompose(cid -> sessions.open(client, cid))
        .handle((answer, e) -> respond(ctx, e, () -> ConversationRoutes.writeJson(ctx, 201, answer))));
  }

  private void sdp(Context ctx) {
    LiveSessions sessions = sessions();
    String type = String.valueOf(ctx.contentType());
    if (!type.startsWith("application/sdp")) throw ApiError.badRequest("send the SDP offer as application/sdp").failure();
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > MAX_SDP_BYTES) throw ApiError.badRequest("the SDP offer is larger than " + MAX_SDP_BYTES + " bytes").failure();
    String offer = new String(bytes, StandardCharsets.UTF_8);
    if (!offer.startsWith("v=0")) throw ApiError.badRequest("that is not an SDP offer (it must start with v=0)").failure();
    String id = ctx.pathParam("id");
    ctx.future(() -> attempt(() -> sessions.relayOffer(id, offer))
        .handle((answer, e) -> respond(ctx, e, () -> ctx.status(201).contentType("application/sdp").result(answer))));
  }

  private void call(Context ctx) {
    LiveSessions sessions = sessions();
    JsonNode body = ConversationRoutes.jsonObject(ctx);
    JsonNode callId = body.get("call_id");
    if (callId == null || !callId.isTextual()) throw ApiError.badRequest("call_id is required").failure();
    refusalsAsErrors(() -> sessions.callStarted(ctx.pathParam("id"), callId.asText()));
    ctx.status(204);
  }

  private void end(Context ctx) {
    LiveSessions sessions = sessions();
    String id = ctx.pathParam("id");
    if (sessions.find(id).isEmpty()) throw ApiError.notFound("no live session " + id).failure();
    sessions.end(id, "the page left live mode");
    ctx.status(204);
  }

  /** A transcript from the call's data channel, forwarded by the page: stored in order, as it arrives. */
  private void event(Context ctx) {
    LiveSessions sessions = sessions();
    String cid = ctx.pathParam("id");
    JsonNode body = ConversationRoutes.jsonObject(ctx);
    String liveId = body.path("live_id").asText("");
    LiveSessions.Live session = sessions.find(liveId)
        .orElseThrow(() -> ApiError.notFound("no live session " + liveId + " (events come from a live session)").failure());
    if (!session.conversationId().equals(cid)) {
      throw new ApiError(409, "wrong_conversation", "live session " + liveId + " belongs to another conversation").failure();
    }
    String type = body.path("type").asText("");
    EventType stored = FORWARDED.get(type);
    if (stored == null) {
      throw new ApiError(400, "unknown_event_type", "events of type '" + type + "' are not stored; forward "
          + String.join(", ", new java.util.TreeSet<>(FORWARDED.keySet()))).failure();
    }
    JsonNode text = body.get(type.equals("response.output_text.done") ? "text" : "transcript");
    if (text == null || !text.isTextual() || text.asText().isBlank()) throw ApiError.badRequest("the transcript is missing or empty").failure();
    if (text.asText().length() > MAX_TRANSCRIPT_CHARS) {
      throw ApiError.badRequest("the transcript is longer than " + MAX_TRANSCRIPT_CHARS + " characters").failure();
    }
    String itemId = body.path("item_id").isTextual() ? body.get("item_id").asText() : null;
    String data = MAPPER.createObjectNode().put("live_id", liveId).put("item_id", itemId).toString();
    NewEvent event = new NewEvent(cid, itemId, stored, text.asText().strip(), SOURCE, data, clock.millis());
    ctx.future(() -> store.submit(s -> s.append(event))
        .handle((e, failure) -> respond(ctx, failure, () -> ConversationRoutes.writeJson(ctx, 201, ConversationRoutes.EventJson.of(e)))));
  }

  private static <T> CompletableFuture<T> attempt(java.util.function.Supplier<CompletableFuture<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void refusalsAsErrors(Runnable work) {
    try {
      work.run();
    } catch (LiveSessions.Refused r) {
      throw new ApiError(r.status(), r.code(), r.getMessage()).failure();
    }
  }

  /** Writes the answer, or the error the work failed with. */
  private static Void respond(Context ctx, Throwable failure, Runnable answer) {
    if (failure == null) {
      answer.run();
      return null;
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof LiveSessions.Refused r) {
      if (r.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(r.retryAfterSeconds()));
      new ApiError(r.status(), r.code(), r.getMessage()).writeTo(ctx);
    } else if (cause instanceof ApiError.Failure f) f.error().writeTo(ctx);
    else new ApiError(500, "internal", "live mode failed: " + cause.getMessage()).writeTo(ctx);
    return null;
  }
}
