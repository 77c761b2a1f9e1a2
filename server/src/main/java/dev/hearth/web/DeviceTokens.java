package dev.hearth.web;

import dev.hearth.store.Device;
import dev.hearth.store.DeviceStore;
import dev.hearth.store.StoreExecutor;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paired devices and their tokens. A token is 32 random bytes (base64url), given to the device once; the store
 * keeps only its SHA-256, and this class a copy of the stored hashes so a request is checked without touching SQLite on
 * a Jetty thread. A device sends its token as the {@value #COOKIE} cookie (the page) or {@code Authorization: Bearer}
 * (programs).
 */
public final class DeviceTokens {
  /** The cookie the page's token travels in: HttpOnly, SameSite=Strict, Secure over HTTPS. */
  static final String COOKIE = "hearth_device";
  /** How long a browser keeps the cookie, in seconds (400 days, the most Chromium allows); renewed on each page load. */
  static final long COOKIE_MAX_AGE_SECONDS = 400L * 24 * 3600;

  /** A freshly paired device and the token it must keep. */
  record Paired(Device device, String token) {}

  private final StoreExecutor<DeviceStore> store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Device> byHash = new ConcurrentHashMap<>();

  private DeviceTokens(StoreExecutor<DeviceStore> store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Reads the paired devices from the store; call at start-up, never on a Jetty thread (it waits for the store). */
  public static DeviceTokens load(StoreExecutor<DeviceStore> store, Clock clock) {
    DeviceTokens tokens = new DeviceTokens(store, clock);
    for (Device.WithToken d : store.submit(DeviceStore::devices).join()) tokens.byHash.put(d.tokenSha256(), d.device());
    return tokens;
  }

  /** The device this request's token belongs to, if it carries a valid one. */
  Optional<Device> device(Context ctx) {
    return device(ctx.cookie(COOKIE), ctx.header("Authorization"));
  }

  /** The device an open WebSocket's upgrade request named with its token, if a valid one. */
  Optional<Device> device(WsContext ctx) {
    return device(ctx.cookie(COOKIE), ctx.header("Authorization"));
  }

  private Optional<Device> device(String cookie, String authorization) {
    return token(cookie, authorization).map(t -> byHash.get(sha256(t)));
  }

  /** The token a request carries: the cookie, else an {@code Authorization: Bearer} header (either may be null). */
  static Optional<String> token(String cookie, String authorization) {
    if (cookie != null && !cookie.isBlank()) return Optional.of(cookie.strip());
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(authorization.substring(7).strip());
    }
    return Optional.empty();
  }

  /** Pairs a new device named {@code name}: stores its token's hash (on the store thread) and then accepts the token. */
  CompletableFuture<Paired> pair(String name) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String hash = sha256(token);
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    return store.submit(s -> s.addDevice(id, name, hash, now)).thenApply(device -> {
      byHash.put(hash, device);
      return new Paired(device, token);
    });
  }

  /** Forgets a device: its token stops working at once; false when there was no such device. */
  CompletableFuture<Boolean> revoke(String id) {
    byHash.values().removeIf(d -> d.id().equals(id));
    return store.submit(s -> s.removeDevice(id));
  }

  /** The paired devices, oldest first. */
  List<Device> devices() {
    return byHash.values().stream().sorted(java.util.Comparator.comparingLong(Device::createdAtMillis).thenComparing(Device::id))
        .toList();
  }

  /** Sets the token's cookie on the response (Secure when the request came over HTTPS). */
  static void setCookie(Context ctx, String token) {
    ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; Max-Age=" + COOKIE_MAX_AGE_SECONDS + "; HttpOnly; SameSite=Strict"
        + (ctx.req().isSecure() ? "; Secure" : ""));
  }

  /** The SHA-256 of a token, lower-case hex: what the store keeps. */
  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
