package dev.hearth.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for OpenAI on localhost (there is no internet in the tests), speaking the wire formats OpenAI documents
 * (its OpenAPI spec, openai/openai-openapi {@code openapi.yaml}, as summarized in the project's reference
 * ../shared/reference/protocols.md §4–5, outside this repository): Chat Completions (streamed as SSE ending with
 * {@code data: [DONE]}, or whole, with audio output when asked), Realtime client secrets and calls (the SDP variant
 * with an ephemeral key, the multipart variant with the standard key), hang-up and the model list. It records every request and can answer
 * with an error status, late, never, or drop the connection in the middle of a stream or send an error event there;
 * one route alone can be made late or dropped.
 */
public final class FakeOpenAi implements AutoCloseable {
  public static final String KEY = "sk-test-0123456789abcdefSECRET";
  static final ObjectMapper JSON = new ObjectMapper();

  /** How the next answers go. */
  public enum Mode { NORMAL, ERROR, HANG, DROP_MID_STREAM, ERROR_MID_STREAM }

  /** One request as it arrived. */
  public record Received(String method, String path, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    public String header(String name) {
      return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> issuedSecrets = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Mode mode = Mode.NORMAL;
  private volatile int errorStatus = 500;
  private volatile String errorCode = "server_error";
  private volatile long delayMillis;
  private volatile long pieceDelayMillis;
  private volatile long emptyDeltasMillis;
  private volatile String reply = "Paris is the capital of France. It sits on the Seine.";
  private volatile byte[] audioReply = new byte[0];
  private final Set<String> droppedPaths = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> pathDelays = new ConcurrentHashMap<>();

  private FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-openai");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/v1/", this::handle);
    server.start();
  }

  public static FakeOpenAi start() throws IOException {
    return new FakeOpenAi();
  }

  /** The base URL, with {@code /v1}, as {@code openai.base_url} takes it. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The text chat completions answer with. */
  public FakeOpenAi reply(String text) {
    this.reply = text;
    return this;
  }

  /** The audio (WAV bytes) audio-output chat completions answer with; the transcript is {@link #reply}. */
  public FakeOpenAi audioReply(byte[] wav) {
    this.audioReply = wav;
    return this;
  }

  /** Every answer waits this long before its status line. */
  public FakeOpenAi delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** A streamed answer waits this long between its pieces. */
  public FakeOpenAi pieceDelay(long millis) {
    this.pieceDelayMillis = millis;
    return this;
  }

  /**
   * A streamed answer first sends, for this long, what a model sends while it thinks before it writes: keep-alive
   * comments ({@code : keep-alive}, which SSE readers skip) and chunks whose delta has an empty {@code content}.
   */
  public FakeOpenAi emptyDeltasFor(long millis) {
    this.emptyDeltasMillis = millis;
    return this;
  }

  /** Answers every request with {@code status} and OpenAI's error body with {@code code}. */
  public FakeOpenAi fail(int status, String code) {
    this.errorStatus = status;
    this.errorCode = code;
    this.mode = Mode.ERROR;
    return this;
  }

  /** Accepts requests and never answers them (until closed). */
  public FakeOpenAi hang() {
    this.mode = Mode.HANG;
    return this;
  }

  /** Streams the first two words of a chat answer, then closes the connection (no finish_reason, no [DONE]). */
  public FakeOpenAi dropMidStream() {
    this.mode = Mode.DROP_MID_STREAM;
    return this;
  }

  /**
   * Streams the first two words of a chat answer, then an error event as OpenAI sends one in a stream
   * ({@code data: {"error": {message, type, param, code}}}), then closes the connection.
   */
  public FakeOpenAi errorMidStream() {
    this.mode = Mode.ERROR_MID_STREAM;
    return this;
  }

  /** Requests to {@code path} (under {@code /v1}, e.g. {@code /realtime/client_secrets}) get the connection closed unanswered. */
  public FakeOpenAi dropOn(String path) {
    droppedPaths.add("/v1" + path);
    return this;
  }

  /** Requests to {@code path} (under {@code /v1}) wait {@code millis} before they are answered. */
  public FakeOpenAi delayOn(String path, long millis) {
    pathDelays.put("/v1" + path, millis);
    return this;
  }

  /** Back to answering normally, at once. */
  public FakeOpenAi normal() {
    this.mode = Mode.NORMAL;
    this.droppedPaths.clear();
    this.pathDelays.clear();
    this.delayMillis = 0;
    this.pieceDelayMillis = 0;
    this.emptyDeltasMillis = 0;
    return this;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests to {@code path} (under {@code /v1}), in order. */
  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals("/v1" + path)).toList();
  }

  public List<String> issuedSecrets() {
    return List.copyOf(issuedSecrets);
  }

  private void handle(HttpExchange ex) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
    Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, ex.getRequestBody().readAllBytes());
    received.add(r);
    try {
      if (mode == Mode.HANG) {
        closing.await(10, TimeUnit.MINUTES);
        return;
      }
      if (droppedPaths.contains(r.path())) return; // closing an exchange with nothing sent closes its connection
      long wait = delayMillis + pathDelays.getOrDefault(r.path(), 0L);
      if (wait > 0) Thread.sleep(wait);
      if (mode == Mode.ERROR) {
        error(ex, errorStatus, errorCode, "The fake server was told to fail with " + errorStatus + ".");
        return;
      }
      route(ex, r);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ex.close();
    }
  }

  private void route(HttpExchange ex, Received r) throws IOException, InterruptedException {
    String path = r.path();
    String auth = r.header("authorization");
    boolean standardKey = auth.equals("Bearer " + KEY);
    boolean ephemeralKey = auth.startsWith("Bearer ek_") && issuedSecrets.contains(auth.substring(7));
    if (path.equals("/v1/realtime/calls") && r.header("content-type").startsWith("application/sdp")) {
      if (!ephemeralKey) {
        error(ex, 401, "invalid_api_key", "The SDP variant takes an ephemeral key (ek_...) from client_secrets.");
        return;
      }
      answerCall(ex, r.text());
      return;
    }
    if (!standardKey) {
      error(ex, 401, "invalid_api_key", "Incorrect API key provided: " + auth.replace("Bearer ", "") + ".");
      return;
    }
    switch (r.method() + " " + path) {
      case "POST /v1/chat/completions" -> chat(ex, r.json());
      case "GET /v1/models" -> json(ex, 200, models());
      case "POST /v1/realtime/client_secrets" -> clientSecret(ex, r.json());
      case "POST /v1/realtime/calls" -> multipartCall(ex, r);
      default -> {
        if (r.method().equals("POST") && path.matches("/v1/realtime/calls/rtc_[A-Za-z0-9]+/hangup")) {
          ex.sendResponseHeaders(200, -1);
        } else {
          error(ex, 404, "not_found", "No route " + r.method() + " " + path + " in the fake.");
        }
      }
    }
  }

  private void chat(HttpExchange ex, JsonNode body) throws IOException, InterruptedException {
    if (!body.hasNonNull("model") || !body.path("messages").isArray() || body.path("messages").isEmpty()) {
      error(ex, 400, "invalid_request_error", "model and messages are required.");
      return;
    }
    String model = body.get("model").asText();
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    long created = System.currentTimeMillis() / 1000;
    boolean audio = body.path("modalities").toString().contains("\"audio\"");
    if (!body.path("stream").asBoolean(false)) {
      ObjectNode out = JSON.createObjectNode().put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
      ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
      ObjectNode message = choice.putObject("message").put("role", "assistant");
      if (audio) {
        message.putNull("content");
        message.putObject("audio").put("id", "audio_" + id.substring(9)).put("expires_at", created + 3600)
            .put("data", Base64.getEncoder().encodeToString(audioReply)).put("transcript", reply);
      } else {
        message.put("content", reply);
      }
      message.putNull("refusal");
      message.putArray("annotations");
      choice.putNull("logprobs");
      choice.put("finish_reason", "stop");
      out.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 12).put("total_tokens", 32);
      json(ex, 200, out);
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    List<String> pieces = new ArrayList<>();
    pieces.add("");
    for (String word : reply.split("(?<= )")) pieces.add(word);
    for (int i = 0; i < pieces.size(); i++) {
      ObjectNode chunk = chunk(id, created, model);
      ObjectNode delta = ((ObjectNode) chunk.get("choices").get(0)).putObject("delta");
      if (i == 0) delta.put("role", "assistant");
      delta.put("content", pieces.get(i));
      sse(out, chunk.toString());
      if (mode == Mode.DROP_MID_STREAM && i == 2) {
        out.close(); // the connection closes mid-answer: no finish_reason, no [DONE]
        return;
      }
      if (mode == Mode.ERROR_MID_STREAM && i == 2) {
        sse(out, errorBody("server_error", "The server had an error while processing your request.", "server_error").toString());
        out.close();
        return;
      }
      if (i == 0) thinking(out, id, created, model);
      if (pieceDelayMillis > 0) Thread.sleep(pieceDelayMillis);
    }
    ObjectNode last = chunk(id, created, model);
    ((ObjectNode) last.get("choices").get(0)).putObject("delta");
    ((ObjectNode) last.get("choices").get(0)).put("finish_reason", "stop");
    sse(out, last.toString());
    if (body.path("stream_options").path("include_usage").asBoolean(false)) {
      ObjectNode usage = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
          .put("model", model);
      usage.putArray("choices");
      usage.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 12).put("total_tokens", 32);
      sse(out, usage.toString());
    }
    sse(out, "[DONE]");
    out.close();
  }

  /** {@link #emptyDeltasFor}: a keep-alive comment and an empty delta every 100 ms. */
  private void thinking(OutputStream out, String id, long created, String model) throws IOException, InterruptedException {
    long until = System.nanoTime() + emptyDeltasMillis * 1_000_000;
    while (System.nanoTime() < until) {
      out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
      ObjectNode chunk = chunk(id, created, model);
      ((ObjectNode) chunk.get("choices").get(0)).putObject("delta").put("content", "");
      sse(out, chunk.toString());
      Thread.sleep(100);
    }
  }

  private static ObjectNode chunk(String id, long created, String model) {
    ObjectNode chunk = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
        .put("model", model);
    chunk.putArray("choices").addObject().put("index", 0).putNull("logprobs").putNull("finish_reason");
    return chunk;
  }

  private static void sse(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static ObjectNode models() {
    ObjectNode list = JSON.createObjectNode().put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String id : List.of("gpt-4o-mini", "gpt-4o-audio-preview", "gpt-realtime")) {
      data.addObject().put("id", id).put("object", "model").put("created", 1_700_000_000).put("owned_by", "openai");
    }
    return list;
  }

  private void clientSecret(HttpExchange ex, JsonNode body) throws IOException {
    JsonNode session = body.path("session");
    if (!session.path("type").asText().equals("realtime") || !session.hasNonNull("model")) {
      error(ex, 400, "invalid_request_error", "session.type must be realtime and session.model is required.");
      return;
    }
    String value = "ek_" + UUID.randomUUID().toString().replace("-", "");
    issuedSecrets.add(value);
    long expires = System.currentTimeMillis() / 1000 + body.path("expires_after").path("seconds").asLong(600);
    ObjectNode out = JSON.createObjectNode().put("value", value).put("expires_at", expires);
    ObjectNode echoed = ((ObjectNode) session.deepCopy()).put("object", "realtime.session").put("id", "sess_" + value.substring(3, 15));
    out.set("session", echoed);
    json(ex, 200, out);
  }

  private void multipartCall(HttpExchange ex, Received r) throws IOException {
    String type = r.header("content-type");
    int at = type.indexOf("boundary=");
    if (!type.startsWith("multipart/form-data") || at < 0) {
      error(ex, 400, "invalid_request_error", "Send the offer as application/sdp or multipart/form-data.");
      return;
    }
    Map<String, String> parts = multipart(r.text(), type.substring(at + 9));
    if (!parts.getOrDefault("sdp", "").startsWith("v=0") || !parts.containsKey("session")) {
      error(ex, 400, "invalid_request_error", "The form needs an sdp part (an SDP offer) and a session part.");
      return;
    }
    JsonNode session = JSON.readTree(parts.get("session"));
    if (!session.path("type").asText().equals("realtime")) {
      error(ex, 400, "invalid_request_error", "session.type must be realtime.");
      return;
    }
    answerCall(ex, parts.get("sdp"));
  }

  /**
   * Answers an offer with an SDP a browser accepts: the offer's media sections, in order, with their mids, Opus
   * for the audio and SCTP for the data channel, and made-up ICE and DTLS credentials. No media ever flows: there
   * is no ICE candidate, so a browser's connection stays "connecting" until it gives up.
   */
  private void answerCall(HttpExchange ex, String offer) throws IOException {
    String callId = "rtc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    byte[] sdp = answerTo(offer).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/sdp");
    ex.getResponseHeaders().set("Location", "/v1/realtime/calls/" + callId);
    ex.sendResponseHeaders(201, sdp.length);
    ex.getResponseBody().write(sdp);
  }

  static String answerTo(String offer) {
    List<String[]> sections = new ArrayList<>(); // {kind, mid}
    String kind = null;
    for (String line : offer.split("\r?\n")) {
      if (line.startsWith("m=")) kind = line.substring(2, line.indexOf(' '));
      if (line.startsWith("a=mid:") && kind != null) sections.add(new String[] {kind, line.substring(6).strip()});
    }
    StringBuilder fingerprint = new StringBuilder();
    for (int i = 0; i < 32; i++) fingerprint.append(i == 0 ? "" : ":").append(String.format("%02X", (i * 37 + 11) & 0xff));
    StringBuilder sdp = new StringBuilder("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
    sdp.append("a=group:BUNDLE");
    for (String[] m : sections) sdp.append(' ').append(m[1]);
    sdp.append("\r\na=msid-semantic: WMS\r\n");
    for (String[] m : sections) {
      boolean audio = m[0].equals("audio");
      sdp.append(audio ? "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" : "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n");
      sdp.append("c=IN IP4 0.0.0.0\r\na=ice-ufrag:fake\r\na=ice-pwd:fakefakefakefakefakefake\r\n");
      sdp.append("a=fingerprint:sha-256 ").append(fingerprint).append("\r\na=setup:active\r\na=mid:").append(m[1]).append("\r\n");
      if (audio) {
        sdp.append("a=sendrecv\r\na=msid:fake fake-audio\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\r\n");
      } else {
        sdp.append("a=sctp-port:5000\r\na=max-message-size:262144\r\n");
      }
    }
    return sdp.toString();
  }

  /** The parts of a multipart/form-data body, by name. */
  public static Map<String, String> multipart(String body, String boundary) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : body.split("--" + java.util.regex.Pattern.quote(boundary))) {
      int split = part.indexOf("\r\n\r\n");
      if (split < 0) continue;
      String head = part.substring(0, split);
      java.util.regex.Matcher name = java.util.regex.Pattern.compile("name=\"([^\"]+)\"").matcher(head);
      if (!name.find()) continue;
      String value = part.substring(split + 4);
      if (value.endsWith("\r\n")) value = value.substring(0, value.length() - 2);
      parts.put(name.group(1), value);
    }
    return parts;
  }

  private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
    json(ex, status, errorBody(code, message, status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error"));
  }

  /** OpenAI's error object: {@code {"error": {message, type, param, code}}}. */
  private static ObjectNode errorBody(String code, String message, String type) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
    return body;
  }

  private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
