package dev.hearth.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.lists.ListService;
import dev.hearth.store.ListItem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /api/lists} routes of docs/protocol.md ("HTTP API"): the shopping and to-do lists for the page. Handlers
 * check their input on the Jetty thread, then do the store's work through {@link ListService}'s futures, on the store
 * thread. Bad input changes nothing: an unknown list or item is 404 {@code not_found}, an empty or over-long text or a
 * wrong field 400 {@code bad_request}, a body that is no JSON object 400 {@code bad_json}.
 */
public final class ListRoutes implements RouteGroup {
  private final ListService lists;

  public ListRoutes(ListService lists) {
    this.lists = lists;
  }

  @Override
  public void register(RoutesConfig routes, OriginPolicy origins) {
    routes.get("/api/lists", this::all);
    routes.post("/api/lists/{list}/items", this::add);
    routes.patch("/api/lists/{list}/items/{id}", this::update);
    routes.delete("/api/lists/{list}/items/{id}", this::delete);
  }

  private void all(Context ctx) {
    ctx.future(() -> lists.all().thenAccept(all -> {
      Map<String, List<ItemJson>> body = new LinkedHashMap<>();
      all.forEach((list, items) -> body.put(list, items.stream().map(ItemJson::of).toList()));
      ConversationRoutes.writeJson(ctx, 200, body);
    }));
  }

  private void add(Context ctx) {
    String list = list(ctx);
    JsonNode body = ConversationRoutes.jsonObject(ctx);
    if (!body.has("text")) throw ApiError.badRequest("text is required").failure();
    String text = text(body);
    ctx.future(() -> lists.addItem(list, text)
        .thenAccept(a -> ConversationRoutes.writeJson(ctx, a.added() ? 201 : 200, ItemJson.of(a.item()))));
  }

  private void update(Context ctx) {
    String list = list(ctx);
    String id = ctx.pathParam("id");
    JsonNode body = ConversationRoutes.jsonObject(ctx);
    if (!body.has("text") && !body.has("done")) throw ApiError.badRequest("give text, done or both").failure();
    String text = body.has("text") ? text(body) : null;
    Boolean done = null;
    if (body.has("done")) {
      if (!body.get("done").isBoolean()) throw ApiError.badRequest("done must be true or false").failure();
      done = body.get("done").booleanValue();
    }
    Boolean doneOrNull = done;
    ctx.future(() -> lists.update(list, id, text, doneOrNull).thenAccept(item -> item.ifPresentOrElse(
        i -> ConversationRoutes.writeJson(ctx, 200, ItemJson.of(i)), () -> notFound(list, id).writeTo(ctx))));
  }

  private void delete(Context ctx) {
    String list = list(ctx);
    String id = ctx.pathParam("id");
    ctx.future(() -> lists.delete(list, id).thenAccept(deleted -> {
      if (deleted) ctx.status(204);
      else notFound(list, id).writeTo(ctx);
    }));
  }

  private static String list(Context ctx) {
    String list = ctx.pathParam("list");
    if (!ListItem.isList(list)) {
      throw ApiError.notFound("no list named '" + list + "'; the lists are " + String.join(" and ", ListService.LISTS))
          .failure();
    }
    return list;
  }

  private static String text(JsonNode body) {
    JsonNode node = body.get("text");
    if (node == null || !node.isTextual()) throw ApiError.badRequest("text must be a string").failure();
    String text = node.textValue().strip().replaceAll("\\s+", " ");
    int chars = text.codePointCount(0, text.length());
    if (chars < 1 || chars > ListService.MAX_TEXT_CHARS) {
      throw ApiError.badRequest("text must be 1 to " + ListService.MAX_TEXT_CHARS + " characters, not " + chars)
          .failure();
    }
    return text;
  }

  private static ApiError notFound(String list, String id) {
    return ApiError.notFound("the " + list + " list has no item with id " + id);
  }

  /** An item as docs/protocol.md shows it; field names become snake_case. */
  record ItemJson(String id, String list, String text, boolean done, long position, long createdAt, long updatedAt) {
    static ItemJson of(ListItem i) {
      return new ItemJson(i.id(), i.list(), i.text(), i.done(), i.position(), i.createdAtMillis(), i.updatedAtMillis());
    }
  }
}
