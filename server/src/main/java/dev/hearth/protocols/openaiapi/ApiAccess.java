package dev.hearth.protocols.openaiapi;

import dev.hearth.config.ClientAddresses;
import dev.hearth.web.OriginPolicy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use {@code /v1}, checked before every request. Programs (which send no {@code Origin}) may, with a key when
 * {@code openai_server.api_keys} lists any. Web pages send an {@code Origin}: without keys only pages the
 * {@link OriginPolicy} allows (this server's own, {@code server.allowed_origins}) may, since any other site open in the
 * user's browser could otherwise use the API for free; with keys, a page of any origin may, as the key is the
 * credential. Pages that may get CORS headers, and their preflight {@code OPTIONS} is answered here (it carries no key).
 */
final class ApiAccess {
  private static final Logger log = LoggerFactory.getLogger(ApiAccess.class);
  private static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
  /** Headers a page may read from a response (the rest of CORS's safelist is readable anyway). */
  private static final String EXPOSED = "x-hearth-source, x-should-retry";

  private final List<byte[]> keys;
  private final OriginPolicy origins;
  private final ClientAddresses clients;

  ApiAccess(List<String> keys, OriginPolicy origins, ClientAddresses clients) {
    this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    this.origins = origins;
    this.clients = clients;
  }

  /** Refuses (by throwing) or lets the request go on; answers a CORS preflight itself. */
  void check(Context ctx) {
    String client = ctx.req().getRemoteAddr();
    if (!clients.allows(client)) {
      log.warn("Refused {} {} from {}: not in openai_server.allowed_clients", ctx.method(), ctx.path(), client);
      throw new OpenAiError(403, "This client (" + client + ") is not in this server's openai_server.allowed_clients.",
          OpenAiError.INVALID_REQUEST, null, "forbidden_client").failure();
    }
    String origin = ctx.header("Origin");
    if (origin != null) {
      if (keys.isEmpty() && !origins.allows(origin)) throw refusal(ctx, origin).failure();
      ctx.header("Access-Control-Allow-Origin", origin.strip());
      ctx.header("Vary", "Origin");
      ctx.header("Access-Control-Expose-Headers", EXPOSED);
    }
    if (ctx.method() == HandlerType.OPTIONS) {
      preflight(ctx);
      return;
    }
    if (!keys.isEmpty()) checkKey(ctx.header("Authorization"));
  }

  private static void preflight(Context ctx) {
    String asked = ctx.header("Access-Control-Request-Headers");
    ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
    if (asked != null) ctx.header("Access-Control-Allow-Headers", asked);
    ctx.header("Access-Control-Max-Age", "600");
    ctx.header("Allow", ALLOWED_METHODS);
    ctx.status(204);
  }

  private void checkKey(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new OpenAiError(401, "You didn't provide an API key. This server requires one: send it in an Authorization "
          + "header (Authorization: Bearer YOUR_KEY); its keys are set in openai_server.api_keys.",
          OpenAiError.INVALID_REQUEST, null, "invalid_api_key").failure();
    }
    String given = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
    byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
    boolean known = false;
    for (byte[] key : keys) known |= MessageDigest.isEqual(key, bytes); // every key compared: no early exit to time
    if (!known) {
      throw new OpenAiError(401, "Incorrect API key provided: " + masked(given) + ". Use one of the keys in this "
          + "server's openai_server.api_keys, sent as Authorization: Bearer KEY.", OpenAiError.INVALID_REQUEST, null,
          "invalid_api_key").failure();
    }
  }

  /** The key as OpenAI shows it: its first and last characters only (nothing at all of a short one). */
  static String masked(String key) {
    if (key.isEmpty()) return "(none; the Authorization header is not 'Bearer KEY')";
    if (key.length() < 12) return "*".repeat(Math.min(key.length(), 8));
    return key.substring(0, 3) + "*".repeat(Math.min(key.length() - 7, 20)) + key.substring(key.length() - 4);
  }

  private static OpenAiError refusal(Context ctx, String origin) {
    log.warn("Refused {} {} from a page at {}: pages of other origins may use /v1 only when openai_server.api_keys is set",
        ctx.method(), ctx.path(), origin);
    return new OpenAiError(403, "A page from " + origin + " may not use this server's OpenAI-compatible API. Set "
        + "openai_server.api_keys (the page then sends a key), or add " + origin + " to server.allowed_origins.",
        OpenAiError.INVALID_REQUEST, null, "forbidden_origin");
  }
}
