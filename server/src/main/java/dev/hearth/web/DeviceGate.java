package dev.hearth.web;

import dev.hearth.store.Device;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets another machine use the page, {@code /api} and {@code /ws} only with a paired device's token (see
 * {@link DeviceTokens}); this machine's own tools (loopback) need none. Without a token the page ({@code /},
 * {@code /index.html}) is sent to {@code /pair.html}, and {@code /api} and {@code /ws} are answered 401
 * {@code unpaired}. Left open: the pairing routes themselves, the page's script, style and icon files (they hold no data),
 * the CA download and {@code /v1} (which has its own keys and {@code openai_server.allowed_clients}).
 */
final class DeviceGate {
  private static final Logger log = LoggerFactory.getLogger(DeviceGate.class);
  static final String PAIR_PAGE = "/pair.html";

  private final DeviceTokens tokens;

  DeviceGate(DeviceTokens tokens) {
    this.tokens = tokens;
  }

  void install(RoutesConfig routes) {
    routes.before(this::checkRequest);
    routes.wsBeforeUpgrade("/ws", ctx -> {
      if (!trusted(ctx)) refusal(ctx).sendNow(ctx);
    });
  }

  /** Whether the request comes from this machine or carries a paired device's token. */
  boolean trusted(Context ctx) {
    return ClientAddress.isLoopback(ctx) || device(ctx).isPresent();
  }

  /** The paired device the request's token belongs to. */
  Optional<Device> device(Context ctx) {
    return tokens.device(ctx);
  }

  private void checkRequest(Context ctx) {
    String path = ctx.path();
    boolean page = path.equals("/") || path.equals("/index.html");
    boolean api = path.startsWith("/api/") || path.equals("/api");
    if (page && ctx.cookie(DeviceTokens.COOKIE) != null && device(ctx).isPresent()) {
      DeviceTokens.setCookie(ctx, ctx.cookie(DeviceTokens.COOKIE).strip()); // renewed on each visit: a used device stays paired
      return;
    }
    if ((!page && !api) || PairingRoutes.isOpen(path) || trusted(ctx)) return;
    if (page) {
      ctx.redirect(PAIR_PAGE, HttpStatus.SEE_OTHER);
      ctx.skipRemainingHandlers();
      return;
    }
    throw refusal(ctx).failure();
  }

  private static ApiError refusal(Context ctx) {
    log.info("Refused {} {} from {}: not a paired device", ctx.method(), ctx.path(), ctx.req().getRemoteAddr());
    return ApiError.unpaired("This device is not paired with Hearth. Open " + PAIR_PAGE + " on it and enter the code that"
        + " `hearth pair` prints (or that an already paired page shows), then send the token it gets.");
  }
}
