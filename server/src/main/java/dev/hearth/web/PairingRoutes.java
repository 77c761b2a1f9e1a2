package dev.hearth.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.store.Device;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairing a device and managing the paired ones (docs/protocol.md, "Pairing"). A device on another machine claims a
 * pairing code ({@code POST /api/pairing/claim}, open to all, rate-limited by {@link PairingCodes}) and gets a token,
 * set as its cookie and returned once. Codes are made by this machine ({@code hearth pair}) or a paired page
 * ({@code POST /api/pairing/codes}), which also list ({@code GET /api/devices}) and revoke
 * ({@code DELETE /api/devices/{id}}) devices; {@link DeviceGate} keeps the others out.
 */
final class PairingRoutes {
  private static final Logger log = LoggerFactory.getLogger(PairingRoutes.class);
  static final int MAX_NAME_CHARS = 60;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{6}");

  private final DeviceTokens tokens;
  private final PairingCodes codes;
  private final DeviceGate gate;
  private final Consumer<String> revoked;

  /** @param revoked told the id of each device revoked, after its token stopped working (to close its sockets) */
  PairingRoutes(DeviceTokens tokens, PairingCodes codes, DeviceGate gate, Consumer<String> revoked) {
    this.tokens = tokens;
    this.codes = codes;
    this.gate = gate;
    this.revoked = revoked;
  }

  /** The paths any device may use before it is paired. */
  static boolean isOpen(String path) {
    return path.equals("/api/pairing") || path.equals("/api/pairing/claim");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/pairing", this::status);
    routes.post("/api/pairing/claim", this::claim);
    routes.post("/api/pairing/codes", this::issue);
    routes.get("/api/devices", this::list);
    routes.delete("/api/devices/{id}", this::revoke);
  }

  /** {@code GET /api/pairing}: whether this client may use the server, and as which device. */
  private void status(Context ctx) {
    Optional<Device> device = gate.device(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("paired", device.isPresent() || ClientAddress.isLoopback(ctx));
    body.put("this_machine", ClientAddress.isLoopback(ctx));
    body.put("device", device.map(PairingRoutes::json).orElse(null));
    ConversationRoutes.writeJson(ctx, 200, body);
  }

  private void claim(Context ctx) {
    JsonNode body = ConversationRoutes.jsonObject(ctx);
    String code = body.path("code").asText("").replaceAll("[\\s-]", "");
    if (!DIGITS.matcher(code).matches()) throw ApiError.badRequest("code must be the six digits Hearth shows").failure();
    String name = name(body);
    switch (codes.claim(code)) {
      case THROTTLED -> {
        long seconds = (codes.retryAfterMillis() + 999) / 1000;
        log.warn("Pairing: too many wrong codes; refusing claims for {} s (the last from {})", seconds, ctx.req().getRemoteAddr());
        ctx.header("Retry-After", Long.toString(seconds));
        throw new ApiError(429, "too_many_attempts", "Too many wrong codes; try again in " + seconds + " s.").failure();
      }
      case REFUSED -> {
        log.info("Pairing: a wrong or expired code from {}", ctx.req().getRemoteAddr());
        throw new ApiError(403, "wrong_code", "That code is wrong or has expired. Run `hearth pair` on the server, or open"
            + " Pair a device on a paired page, for a new one.").failure();
      }
      case ACCEPTED -> ctx.future(() -> tokens.pair(name).thenAccept(paired -> {
        log.info("Pairing: paired '{}' ({}) from {}", paired.device().name(), paired.device().id(), ctx.req().getRemoteAddr());
        DeviceTokens.setCookie(ctx, paired.token());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("device", json(paired.device()));
        answer.put("token", paired.token());
        ConversationRoutes.writeJson(ctx, 201, answer);
      }));
    }
  }

  /** {@code POST /api/pairing/codes}: a new code (replacing the last), for this machine or a paired device. */
  private void issue(Context ctx) {
    requireTrusted(ctx);
    PairingCodes.Code code = codes.issue();
    ConversationRoutes.writeJson(ctx, 201, Map.of("code", code.digits(), "expires_at", code.expiresAtMillis(),
        "valid_ms", PairingCodes.VALID_MILLIS));
  }

  /** A new code for the start-up banner. */
  PairingCodes.Code issue() {
    return codes.issue();
  }

  private void list(Context ctx) {
    requireTrusted(ctx);
    Optional<String> self = gate.device(ctx).map(Device::id);
    List<Map<String, Object>> devices = tokens.devices().stream().map(d -> {
      Map<String, Object> m = json(d);
      m.put("this_device", self.isPresent() && self.get().equals(d.id()));
      return m;
    }).toList();
    ConversationRoutes.writeJson(ctx, 200, Map.of("devices", devices));
  }

  private void revoke(Context ctx) {
    requireTrusted(ctx);
    String id = ctx.pathParam("id");
    ctx.future(() -> tokens.revoke(id).thenAccept(removed -> {
      if (!removed) {
        ApiError.notFound("no paired device with id " + id).writeTo(ctx);
        return;
      }
      log.info("Pairing: revoked device {} (by {})", id, ctx.req().getRemoteAddr());
      revoked.accept(id);
      ctx.status(204);
    }));
  }

  /** The gate already refuses untrusted clients under /api; checked again so these routes never depend on its order. */
  private void requireTrusted(Context ctx) {
    if (!gate.trusted(ctx)) throw ApiError.unpaired("Only this machine or a paired device may do this.").failure();
  }

  private static String name(JsonNode body) {
    JsonNode node = body.get("name");
    if (node == null || node.isNull()) return "Device";
    if (!node.isTextual()) throw ApiError.badRequest("name must be a string").failure();
    String name = node.textValue().strip();
    int chars = name.codePointCount(0, name.length());
    if (chars < 1 || chars > MAX_NAME_CHARS) {
      throw ApiError.badRequest("name must be 1 to " + MAX_NAME_CHARS + " characters, not " + chars).failure();
    }
    return name;
  }

  private static Map<String, Object> json(Device d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("name", d.name());
    m.put("created_at", d.createdAtMillis());
    return m;
  }
}
