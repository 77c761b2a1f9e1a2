package dev.hearth.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.config.OpenAiConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live mode's sessions: OpenAI Realtime over WebRTC between the page and OpenAI, brokered here so the key stays
 * home and the cost stays capped. Opening one reserves {@code openai.live_max_seconds} of the day's live budget, or
 * what is left of it when that is less but at least {@link #shortestSeconds}, and the session lasts at most that long
 * (the unused part comes back when it ends). A session whose call has not started within
 * {@code openai.live_start_timeout_millis} ends then and gives its reservation back, and one client may have at most
 * {@code openai.live_pending_per_client} sessions waiting for their call. With {@code openai.live_relay} (the
 * default) the page sends its SDP offer here and the server makes the call with the standard key (the unified
 * interface), so the page never holds any key; otherwise the page gets a client secret that expires with that start
 * window and makes the call itself, then reports the call's id. Either way the server hangs the call up when it
 * reaches the longest allowed duration.
 * Only the relay enforces that strictly: a page holding a secret can make a call without reporting it, which the
 * server cannot end, so such a session keeps its whole reservation charged. Every call here returns at once; the
 * HTTP work is asynchronous.
 */
public final class LiveSessions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);
  /** How long an ended session still accepts its late transcripts. */
  static final long LATE_TRANSCRIPT_MILLIS = 120_000;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  /** One live session. */
  public static final class Live {
    private final String id;
    private final String conversationId;
    private final String client;
    private final long openedAtMillis;
    private final long reservedSeconds;
    private volatile String callId;
    /** Whether the page was given a client secret, with which it can make a call the server does not know of. */
    private volatile boolean secretIssued;
    private volatile long endedAtMillis;
    private volatile ScheduledFuture<?> limit;

    Live(String id, String conversationId, String client, long openedAtMillis, long reservedSeconds) {
      this.id = id;
      this.conversationId = conversationId;
      this.client = client;
      this.openedAtMillis = openedAtMillis;
      this.reservedSeconds = reservedSeconds;
    }

    public String id() { return id; }
    public String conversationId() { return conversationId; }
    public boolean ended() { return endedAtMillis != 0; }
    /** Opened, and still waiting for its call to start. */
    boolean pending() { return callId == null && !ended(); }
  }

  /** A refusal to say to the page: an HTTP status, a code, a sentence, and for a rate or budget when to ask again. */
  public static final class Refused extends RuntimeException {
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public Refused(int status, String code, String message) {
      this(status, code, message, 0);
    }

    public Refused(int status, String code, String message, long retryAfterSeconds) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() { return status; }
    public String code() { return code; }
    /** Seconds until asking again may succeed (the {@code Retry-After} header), or 0 when that is not known. */
    public long retryAfterSeconds() { return retryAfterSeconds; }
  }

  private final OpenAi openai;
  private final String instructions;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Live> sessions = new ConcurrentHashMap<>();

  public LiveSessions(OpenAi openai, String instructions, Clock clock, ScheduledExecutorService scheduler) {
    this.openai = openai;
    this.instructions = instructions;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /**
   * The shortest session worth opening, in seconds: a minute, or {@code openai.live_max_seconds} when that is shorter.
   * Live mode is available while the day's budget has this much left.
   */
  public static long shortestSeconds(OpenAiConfig config) {
    return Math.min(60, config.liveMaxSeconds());
  }

  /**
   * Opens a session for {@code client} in {@code conversationId}: checks the rates and the day's live budget, then
   * (without the relay) mints the page's client secret. Completes with the answer for the page.
   */
  public CompletableFuture<Map<String, Object>> open(String client, String conversationId) {
    var config = openai.config();
    Live live;
    synchronized (sessions) { // the check and the new session together, so concurrent opens cannot pass the cap
      Optional<Refused> waiting = tooManyPending(client);
      if (waiting.isPresent()) return CompletableFuture.failedFuture(waiting.get());
      long seconds = Math.max(shortestSeconds(config),
          Math.min(config.liveMaxSeconds(), openai.spending().room(Spending.Budget.LIVE_SECONDS)));
      Optional<Spending.Denial> denied = openai.spending().take(client, Spending.Budget.LIVE_SECONDS, seconds);
      if (denied.isPresent()) {
        Spending.Denial d = denied.get();
        return CompletableFuture.failedFuture(new Refused(429, d.code(), d.message(), d.retryAfterSeconds()));
      }
      live = new Live("live_" + UUID.randomUUID().toString().replace("-", ""), conversationId, client, clock.millis(),
          seconds);
      sessions.put(live.id, live);
    }
    long seconds = live.reservedSeconds;
    // a session whose call does not start in time gives its reservation back
    live.limit = scheduler.schedule(() -> end(live.id, "no call started within " + config.liveStartTimeoutMillis() + " ms"),
        config.liveStartTimeoutMillis(), TimeUnit.MILLISECONDS);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("live_id", live.id);
    answer.put("conversation_id", conversationId);
    answer.put("max_seconds", seconds);
    answer.put("model", config.liveModel());
    if (config.liveRelay()) {
      answer.put("mode", "relay");
      answer.put("sdp_url", "/api/live/" + live.id + "/sdp");
      return CompletableFuture.completedFuture(answer);
    }
    ObjectNode body = OpenAiClient.JSON.createObjectNode();
    body.putObject("expires_after").put("anchor", "created_at").put("seconds", config.liveStartTimeoutMillis() / 1000);
    body.set("session", session());
    return openai.client().postJson("/realtime/client_secrets", body, CALL_TIMEOUT)
        .handle((JsonNode secret, Throwable e) -> {
          if (e != null || !secret.path("value").isTextual()) {
            end(live.id, "the client secret could not be made");
            throw new CompletionException(upstream(e == null ? "the answer had no value" : OpenAiClient.describe(e)));
          }
          live.secretIssued = true;
          answer.put("mode", "ephemeral");
          answer.put("client_secret", secret.get("value").asText());
          answer.put("expires_at", secret.path("expires_at").asLong());
          answer.put("calls_url", config.baseUrl() + "/realtime/calls");
          return answer;
        });
  }

  /**
   * Refuses {@code client} a new session while it already has {@code openai.live_pending_per_client} waiting for their
   * call (429, with {@code Retry-After} until the oldest of them expires); empty when it may open one.
   */
  public Optional<Refused> tooManyPending(String client) {
    var config = openai.config();
    List<Live> waiting = sessions.values().stream().filter(l -> l.client.equals(client) && l.pending()).toList();
    if (waiting.size() < config.livePendingPerClient()) return Optional.empty();
    long oldest = waiting.stream().mapToLong(l -> l.openedAtMillis).min().orElseThrow();
    long retryAfter = Math.max(1, (oldest + config.liveStartTimeoutMillis() - clock.millis() + 999) / 1000);
    return Optional.of(new Refused(429, "too_many_pending", "This device already has " + waiting.size()
        + " live session" + (waiting.size() == 1 ? "" : "s") + " waiting for a call to start (at most "
        + config.livePendingPerClient() + "); start or end one, or wait for it to expire.", retryAfter));
  }

  /** The relay: makes the call with the page's offer and the session's settings; completes with the answer SDP. */
  public CompletableFuture<String> relayOffer(String liveId, String offerSdp) {
    Live live = active(liveId);
    if (!openai.config().liveRelay()) {
      return CompletableFuture.failedFuture(new Refused(409, "not_relayed", "This server hands out client secrets; send the offer to OpenAI."));
    }
    if (live.callId != null) {
      return CompletableFuture.failedFuture(new Refused(409, "already_started", "This live session already has its call."));
    }
    return openai.client().createCall(offerSdp, session(), CALL_TIMEOUT).handle((answer, e) -> {
      if (e != null) {
        end(liveId, "the call could not be made");
        throw new CompletionException(upstream(OpenAiClient.describe(e)));
      }
      callStarted(live, answer.callId());
      return answer.sdp();
    });
  }

  /** Without the relay: the page made the call itself and says which it is, so the server can end it on time. */
  public void callStarted(String liveId, String callId) {
    if (!callId.matches("rtc_[A-Za-z0-9]{1,64}")) throw new Refused(400, "bad_request", "call_id must look like rtc_...");
    Live live = active(liveId);
    if (live.callId != null) throw new Refused(409, "already_started", "This live session already has its call.");
    callStarted(live, callId);
  }

  private void callStarted(Live live, String callId) {
    synchronized (live) {
      if (live.ended()) { // it expired while the call was being made: that call must not run unchecked
        hangUp(callId);
        throw new Refused(410, "expired", "This live session ended before its call started; open a new one.");
      }
      live.callId = callId;
    }
    ScheduledFuture<?> old = live.limit;
    if (old != null) old.cancel(false);
    long left = Math.max(1, live.reservedSeconds - (clock.millis() - live.openedAtMillis) / 1000);
    live.limit = scheduler.schedule(() -> end(live.id, "it reached the longest allowed duration, "
        + live.reservedSeconds + " s"), left, TimeUnit.SECONDS);
    log.info("Live session {} started call {} for {} in conversation {}", live.id, callId, live.client, live.conversationId);
  }

  /**
   * Ends a session (the page left live mode, or the limit came): hangs up, and gives back the unused budget; nothing
   * when the page got a secret but reported no call.
   */
  public void end(String liveId, String why) {
    Live live = sessions.get(liveId);
    if (live == null) return;
    synchronized (live) {
      if (live.ended()) return;
      live.endedAtMillis = clock.millis();
    }
    ScheduledFuture<?> limit = live.limit;
    if (limit != null) limit.cancel(false);
    long used = Math.min(live.reservedSeconds, (live.endedAtMillis - live.openedAtMillis + 999) / 1000);
    if (live.callId == null) used = live.secretIssued ? live.reservedSeconds : 0; // an unreported call may be going on
    openai.spending().refund(Spending.Budget.LIVE_SECONDS, live.reservedSeconds - used);
    if (live.callId != null) hangUp(live.callId);
    log.info("Live session {} ended after {} s: {}", liveId, used, why);
    scheduler.schedule(() -> sessions.remove(liveId), LATE_TRANSCRIPT_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void hangUp(String callId) {
    openai.client().hangUp(callId, CALL_TIMEOUT).exceptionally(e -> {
      log.info("Hanging up live call {} failed: {}", callId, OpenAiClient.describe(e));
      return null;
    });
  }

  /** The session, open or recently ended (its late transcripts are still welcome); empty when unknown. */
  public Optional<Live> find(String liveId) {
    return Optional.ofNullable(sessions.get(liveId));
  }

  private Live active(String liveId) {
    Live live = sessions.get(liveId);
    if (live == null || live.ended()) throw new Refused(404, "not_found", "no open live session " + liveId);
    return live;
  }

  /** The Realtime session: model, voice, the spoken-style instructions, and transcription of the user's speech. */
  ObjectNode session() {
    var config = openai.config();
    ObjectNode session = OpenAiClient.JSON.createObjectNode().put("type", "realtime").put("model", config.liveModel());
    if (!instructions.isBlank()) session.put("instructions", instructions);
    session.putArray("output_modalities").add("audio");
    ObjectNode audio = session.putObject("audio");
    ObjectNode input = audio.putObject("input");
    input.putObject("transcription").put("model", config.liveTranscriptionModel());
    input.putObject("turn_detection").put("type", "server_vad");
    audio.putObject("output").put("voice", config.liveVoice());
    return session;
  }

  private static Refused upstream(String why) {
    return new Refused(502, "openai_failed", "OpenAI did not start the live session: " + why);
  }

  @Override
  public void close() {
    for (Live live : sessions.values()) end(live.id, "the server is stopping");
  }
}
