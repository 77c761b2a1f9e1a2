package dev.hearth.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hearth.store.Conversation;
import dev.hearth.store.Event;
import dev.hearth.store.HistoryStore;
import dev.hearth.store.StoreExecutor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code /api/conversations} routes of docs/protocol.md ("HTTP API"). Handlers check their input on the
 * Jetty thread, then do all SQLite work on the store thread through {@link Context#future}.
 */
public final class ConversationRoutes {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  static final int MAX_TITLE_CHARS = 200;

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final StoreExecutor<HistoryStore> store;
  private final Clock clock;

  private ConversationRoutes(StoreExecutor<HistoryStore> store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Adds the conversation routes (and the {@link ApiError} mapping) to {@code routes}. */
  public static void register(RoutesConfig routes, StoreExecutor<HistoryStore> store, Clock clock) {
    ConversationRoutes r = new ConversationRoutes(store, clock);
    ApiError.install(routes);
    routes.get("/api/conversations", r::list);
    routes.post("/api/conversations", r::create);
    routes.get("/api/conversations/{id}", r::get);
    routes.patch("/api/conversations/{id}", r::rename);
    routes.delete("/api/conversations/{id}", r::delete);
  }

  private void list(Context ctx) {
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    ctx.future(() -> store.submit(s -> new Page(s.listConversations(offset, limit).stream()
            .map(ConversationJson::of).toList(), s.countConversations(), offset, limit))
        .thenAccept(page -> writeJson(ctx, 200, page)));
  }

  private void create(Context ctx) {
    JsonNode body = ctx.body().isBlank() ? MAPPER.createObjectNode() : jsonObject(ctx);
    String title = body.hasNonNull("title") ? title(body) : null;
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    ctx.future(() -> store.submit(s -> s.createConversation(id, title, now))
        .thenAccept(c -> writeJson(ctx, 201, ConversationJson.of(c))));
  }

  private void get(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.future(() -> store.submit(s -> s.conversation(id).map(c -> ConversationWithEvents.of(c, s.events(id))))
        .thenAccept(found -> respond(ctx, found, id)));
  }

  private void rename(Context ctx) {
    String id = ctx.pathParam("id");
    JsonNode body = jsonObject(ctx);
    if (!body.has("title")) throw ApiError.badRequest("title is required").failure();
    String title = title(body);
    long now = clock.millis();
    ctx.future(() -> store.submit(s -> s.rename(id, title, now))
        .thenAccept(renamed -> respond(ctx, renamed.map(ConversationJson::of), id)));
  }

  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.future(() -> store.submit(s -> s.deleteConversation(id))
        .thenAccept(deleted -> {
          if (deleted) ctx.status(204);
          else notFound(id).writeTo(ctx);
        }));
  }

  private static void respond(Context ctx, Optional<?> found, String id) {
    found.ifPresentOrElse(body -> writeJson(ctx, 200, body), () -> notFound(id).writeTo(ctx));
  }

  private static ApiError notFound(String id) {
    return ApiError.notFound("no conversation with id " + id);
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null) return fallback;
    try {
      int value = Integer.parseInt(raw.strip());
      if (value >= min && value <= max) return value;
    } catch (NumberFormatException e) {
      // answered below
    }
    String range = max == Integer.MAX_VALUE ? "an integer of at least " + min : "an integer from " + min + " to " + max;
    throw ApiError.badRequest(name + " must be " + range + ", not '" + raw + "'").failure();
  }

  static JsonNode jsonObject(Context ctx) {
    JsonNode node;
    try {
      node = MAPPER.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      throw ApiError.badJson("the body is not valid JSON: " + e.getOriginalMessage()).failure();
    }
    if (node == null || !node.isObject()) throw ApiError.badJson("the body must be a JSON object").failure();
    return node;
  }

  private static String title(JsonNode body) {
    JsonNode node = body.get("title");
    if (node == null || !node.isTextual()) throw ApiError.badRequest("title must be a string").failure();
    String title = node.textValue().strip();
    int chars = title.codePointCount(0, title.length());
    if (chars < 1 || chars > MAX_TITLE_CHARS) {
      throw ApiError.badRequest("title must be 1 to " + MAX_TITLE_CHARS + " characters, not " + chars).failure();
    }
    return title;
  }

  static void writeJson(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The JSON shapes of docs/protocol.md; field names become snake_case.

  record ConversationJson(String id, String title, long createdAt, long updatedAt, int eventCount) {
    static ConversationJson of(Conversation c) {
      return new ConversationJson(c.id(), c.title(), c.createdAtMillis(), c.updatedAtMillis(), c.eventCount());
    }
  }

  record ConversationWithEvents(String id, String title, long createdAt, long updatedAt, int eventCount,
      List<EventJson> events) {
    static ConversationWithEvents of(Conversation c, List<Event> events) {
      return new ConversationWithEvents(c.id(), c.title(), c.createdAtMillis(), c.updatedAtMillis(),
          c.eventCount(), events.stream().map(EventJson::of).toList());
    }
  }

  record EventJson(long id, long seq, String turnId, String type, String text, String source, JsonNode data,
      long createdAt) {
    static EventJson of(Event e) {
      return new EventJson(e.id(), e.seq(), e.turnId(), e.type().wire(), e.text(), e.source(), data(e.dataJson()),
          e.createdAtMillis());
    }

    private static JsonNode data(String json) {
      if (json == null) return null;
      try {
        return MAPPER.readTree(json);
      } catch (JsonProcessingException e) {
        return TextNode.valueOf(json); // stored by an older or foreign writer; still show it
      }
    }
  }

  record Page(List<ConversationJson> conversations, int total, int offset, int limit) {}
}
