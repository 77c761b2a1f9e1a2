package dev.hearth.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link OriginPolicy} where another website open in the same browser could act for the user: the
 * {@code /ws} upgrade (browsers let any page open a WebSocket anywhere) and requests that change data under
 * {@code /api} (a cross-site form or fetch can send them without asking). Both answer 403 {@code forbidden_origin}.
 */
final class OriginGuard {
  private static final Logger log = LoggerFactory.getLogger(OriginGuard.class);
  private static final Set<HandlerType> MUTATING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final OriginPolicy policy;

  private OriginGuard(OriginPolicy policy) {
    this.policy = policy;
  }

  static void install(RoutesConfig routes, OriginPolicy policy) {
    OriginGuard guard = new OriginGuard(policy);
    routes.wsBeforeUpgrade("/ws", guard::checkUpgrade);
    routes.before("/api/*", guard::checkWrite);
  }

  private void checkUpgrade(Context ctx) throws Exception {
    String origin = ctx.header("Origin");
    if (!policy.allows(origin)) refusal(ctx, origin).sendNow(ctx);
  }

  private void checkWrite(Context ctx) {
    if (!MUTATING.contains(ctx.method())) return;
    String origin = ctx.header("Origin");
    if (!policy.allows(origin)) throw refusal(ctx, origin).failure();
  }

  private static ApiError refusal(Context ctx, String origin) {
    if (OriginPolicy.Origin.parse(origin).isEmpty()) {
      log.warn("Refused {} {} from a page without a usable origin ({}: a sandboxed frame or a local file)", ctx.method(),
          ctx.path(), origin);
      return ApiError.forbiddenOrigin("A page with origin '" + origin + "' (a sandboxed frame or a local file) may not use"
          + " this server; open Hearth's own page.");
    }
    log.warn("Refused {} {} from a page at {}: it is not this server; if that page should use Hearth, add its origin to"
        + " server.allowed_origins", ctx.method(), ctx.path(), origin);
    return ApiError.forbiddenOrigin("A page from " + origin + " may not use this server. Open Hearth's own page, or add "
        + origin + " to server.allowed_origins.");
  }
}
