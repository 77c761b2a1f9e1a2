package dev.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioChunk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One bench client: one WebSocket to {@code /ws}, reused for every turn, running one push-to-talk turn at a
 * time (docs/protocol.md, "Push-to-talk"). Confined to one thread; the socket's listener only timestamps
 * incoming messages and queues them for that thread.
 */
final class BenchClient implements AutoCloseable {
  static final int FRAME_MILLIS = 20;

  /** How a turn ends once its answer starts: it is heard out, or the client walks away from it in one of three ways. */
  enum Abandon {
    /** Hears the answer out. */
    NONE,
    /** Leaves the answer playing: the client's next {@code start} on the same socket cuts it off. */
    BARGE_IN,
    /** Drops the socket at the answer's first audio. */
    DISCONNECT,
    /** Stops reading the socket at the answer's first audio, then drops it a while later. */
    STOP_READING
  }

  /** Error codes that end the turn without a {@code turn_done} (protocol.md, "Error codes"). */
  private static final Set<String> TURN_ENDING = Set.of("unknown_conversation", "utterance_too_long", "stt_failed",
      "brain_failed", "tts_failed", "internal");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Something that arrived on the socket, stamped with {@link System#nanoTime()} on arrival. */
  private sealed interface Event permits Message, Audio, Closed {}

  private record Message(long nanos, JsonNode json) implements Event {}

  private record Audio(long nanos, int bytes) implements Event {}

  private record Closed(long nanos, String why) implements Event {}

  private final int id;
  private final HttpClient http;
  private final URI url;
  private final boolean realtime;
  private final boolean oneConversation;
  private final Duration turnTimeout;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private WebSocket socket;
  private Listener listener;
  private String conversationId;

  BenchClient(int id, HttpClient http, URI url, boolean realtime, boolean oneConversation, Duration turnTimeout) {
    this.id = id;
    this.http = http;
    this.url = url;
    this.realtime = realtime;
    this.oneConversation = oneConversation;
    this.turnTimeout = turnTimeout;
  }

  /** Opens the socket unless it is open; throws when the server cannot be reached. */
  void connect() throws Exception {
    if (socket != null && !socket.isOutputClosed() && !socket.isInputClosed()) return;
    events.clear();
    listener = new Listener();
    socket = http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(url, listener)
        .get(15, TimeUnit.SECONDS);
  }

  /** Runs one turn with {@code utterance} and waits for it to end (turn_done, a turn error or the timeout). */
  TurnResult run(int turn, boolean warmup, Utterance utterance) {
    return run(turn, warmup, utterance, Abandon.NONE, Duration.ZERO);
  }

  /**
   * Runs one turn and ends it as {@code abandon} says once its first audio arrives (or waits for its end as
   * {@link #run(int, boolean, Utterance)} does when none comes).
   *
   * @param unreadFor how long a {@link Abandon#STOP_READING} client leaves the socket unread before dropping it
   */
  TurnResult run(int turn, boolean warmup, Utterance utterance, Abandon abandon, Duration unreadFor) {
    Turn t = new Turn();
    t.abandon = abandon;
    AudioChunk audio = utterance.audio();
    try {
      connect();
      events.clear(); // nothing left over from an earlier turn or announcement belongs to this one
      ObjectNode start = JSON.createObjectNode().put("type", "start")
          .put("sample_rate", audio.format().rateHz()).put("format", "pcm_s16le")
          .put("channels", audio.format().channels());
      if (oneConversation && conversationId != null) start.put("conversation_id", conversationId);
      sendText(start);

      long deadline = System.nanoTime() + turnTimeout.toNanos();
      while (!t.ready && !t.over) await(t, deadline);
      if (!t.over) stream(t, audio);
      if (!t.over) {
        t.releaseNanos = System.nanoTime();
        sendText(JSON.createObjectNode().put("type", "stop"));
        deadline = t.releaseNanos + turnTimeout.toNanos();
        while (!t.over) await(t, deadline);
      }
      if (t.abandoned && abandon == Abandon.STOP_READING) {
        Thread.sleep(unreadFor.toMillis()); // a client that went away without closing: the server must cope
        drop();
      }
    } catch (TimeoutException e) {
      t.failure = "timeout";
      cancelQuietly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      t.failure = "interrupted";
    } catch (Exception e) {
      t.failure = "socket: " + e;
      drop();
    }
    if (t.errors.contains("unknown_conversation")) conversationId = null; // start a fresh one next turn
    if (oneConversation && t.conversationId != null) conversationId = t.conversationId;
    return t.toResult(turn, id, warmup, utterance, audio.millis());
  }

  /** Sends the PCM in {@value #FRAME_MILLIS} ms frames, at wall-clock pace when realtime; stops if the turn ends. */
  private void stream(Turn t, AudioChunk audio) throws Exception {
    byte[] pcm = audio.pcm();
    int frameBytes = Math.max(1, audio.format().rateHz() * FRAME_MILLIS / 1000) * audio.format().frameBytes();
    long begin = System.nanoTime();
    for (int off = 0, i = 0; off < pcm.length && !t.over; off += frameBytes, i++) {
      if (realtime) { // like a microphone: a frame is sent once its 20 ms have been "spoken"
        long due = begin + TimeUnit.MILLISECONDS.toNanos((long) (i + 1) * FRAME_MILLIS);
        LockSupport.parkNanos(due - System.nanoTime());
      }
      int len = Math.min(frameBytes, pcm.length - off);
      socket.sendBinary(ByteBuffer.wrap(pcm, off, len), true).get(10, TimeUnit.SECONDS);
      for (Event e = events.poll(); e != null; e = events.poll()) handle(t, e); // e.g. utterance_too_long
    }
  }

  /** Handles the next event, throwing {@link TimeoutException} once {@code deadlineNanos} has passed. */
  private void await(Turn t, long deadlineNanos) throws InterruptedException, TimeoutException {
    Event e = events.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    if (e == null) throw new TimeoutException();
    handle(t, e);
  }

  private void handle(Turn t, Event event) {
    if (event instanceof Closed c) {
      t.failure = "socket closed: " + c.why();
      t.over = true;
      drop();
    } else if (event instanceof Audio a) {
      if (t.firstAudioNanos == 0) t.firstAudioNanos = a.nanos();
      t.audioBytes += a.bytes();
      if (t.ready && t.abandon != Abandon.NONE && !t.abandoned) abandon(t);
    } else if (event instanceof Message m) {
      handleMessage(t, m.nanos(), m.json());
    }
  }

  private void abandon(Turn t) {
    t.abandoned = true;
    t.over = true;
    switch (t.abandon) {
      case DISCONNECT -> drop();
      case STOP_READING -> listener.reading = false;
      default -> { } // BARGE_IN: the next turn's start does it
    }
  }

  private void handleMessage(Turn t, long nanos, JsonNode msg) {
    switch (msg.path("type").asText()) {
      case "ready" -> t.ready = true;
      case "transcript" -> {
        if (msg.path("final").asBoolean(false)) {
          t.finalNanos = nanos;
          t.transcript = msg.path("text").asText("");
        }
      }
      case "reply" -> {
        if (t.firstReplyNanos == 0) t.firstReplyNanos = nanos;
      }
      case "turn_done" -> {
        if (!t.ready) return; // the end of a turn this one barged in on
        t.doneNanos = nanos;
        t.conversationId = msg.path("conversation_id").asText(null);
        t.serverTimings = numbers(msg.path("timings"));
        t.over = true;
      }
      case "error" -> {
        String code = msg.path("code").asText("unknown");
        t.errors.add(code);
        // before ready, an error means no turn started
        if (!t.ready || TURN_ENDING.contains(code)) t.over = true;
      }
      default -> { } // audio_start, audio_end, announcement: nothing to measure
    }
  }

  private static Map<String, Double> numbers(JsonNode object) {
    Map<String, Double> out = new LinkedHashMap<>();
    object.properties().forEach(f -> out.put(f.getKey(), f.getValue().isNumber() ? f.getValue().asDouble() : null));
    return out;
  }

  private void sendText(JsonNode message) throws Exception {
    socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
  }

  /** After a timeout: tell the server to drop the turn, so its late messages do not land in the next one. */
  private void cancelQuietly() {
    try {
      sendText(JSON.createObjectNode().put("type", "cancel"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      drop();
    }
  }

  /** Forgets a broken socket; the next turn reconnects. */
  private void drop() {
    WebSocket s = socket;
    socket = null;
    if (s != null) s.abort();
  }

  @Override
  public void close() {
    WebSocket s = socket;
    socket = null;
    if (s == null) return;
    try {
      s.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.abort();
    } catch (ExecutionException | TimeoutException e) {
      s.abort();
    }
  }

  /** What one turn has seen so far; nanos fields are 0 until the step happens. */
  private static final class Turn {
    Abandon abandon = Abandon.NONE;
    boolean abandoned;
    boolean ready;
    boolean over;
    long releaseNanos;
    long finalNanos;
    long firstReplyNanos;
    long firstAudioNanos;
    long doneNanos;
    long audioBytes;
    String transcript;
    String conversationId;
    String failure;
    Map<String, Double> serverTimings;
    final List<String> errors = new ArrayList<>();

    TurnResult toResult(int turn, int client, boolean warmup, Utterance u, double audioMs) {
      return new TurnResult(turn, client, warmup, u.file(), u.reference(), audioMs, sinceRelease(finalNanos),
          sinceRelease(firstReplyNanos), sinceRelease(firstAudioNanos), sinceRelease(doneNanos), audioBytes,
          transcript, List.copyOf(errors), failure, conversationId, serverTimings);
    }

    /** Milliseconds from release to {@code nanos}, or null if the step (or the release) did not happen. */
    private Double sinceRelease(long nanos) {
      if (nanos == 0 || releaseNanos == 0) return null;
      return Math.round((nanos - releaseNanos) / 1_000.0) / 1_000.0; // microsecond resolution
    }
  }

  /** Stamps and queues what arrives; runs on the HTTP client's threads, so it does nothing else. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    /** False once a {@link Abandon#STOP_READING} turn stops asking for more: the server's writes then back up. */
    volatile boolean reading = true;

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    private void more(WebSocket webSocket) {
      if (reading) webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      text.append(data);
      if (last) {
        String s = text.toString();
        text.setLength(0);
        try {
          events.add(new Message(now, JSON.readTree(s)));
        } catch (Exception e) {
          events.add(new Message(now, JSON.createObjectNode().put("type", "error").put("code", "client_bad_json")));
        }
      }
      more(webSocket);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      events.add(new Audio(System.nanoTime(), data.remaining()));
      more(webSocket);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      events.add(new Closed(System.nanoTime(), statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      events.add(new Closed(System.nanoTime(), String.valueOf(error)));
    }
  }
}
