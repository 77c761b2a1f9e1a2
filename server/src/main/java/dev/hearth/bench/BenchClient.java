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
import java.util.List;
import java.util.concurrent.BlockingQueue;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int id;
  private final HttpClient http;
  private final URI url;
  private final boolean realtime;
  private final boolean oneConversation;
  private final Duration turnTimeout;
  /** Typed questions that start a new conversation before each turn (hearth bench --llm). */
  private final List<String> history;
  private final BlockingQueue<StampedListener.Event> events = new LinkedBlockingQueue<>();
  private WebSocket socket;
  private StampedListener listener;
  private String conversationId;

  BenchClient(int id, HttpClient http, URI url, boolean realtime, boolean oneConversation, Duration turnTimeout) {
    this(id, http, url, realtime, oneConversation, turnTimeout, List.of());
  }

  BenchClient(int id, HttpClient http, URI url, boolean realtime, boolean oneConversation, Duration turnTimeout,
      List<String> history) {
    this.history = List.copyOf(history);
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
    listener = new StampedListener(events);
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
    BenchTurn t = new BenchTurn(abandon);
    AudioChunk audio = utterance.audio();
    try {
      connect();
      events.clear(); // nothing left over from an earlier turn or announcement belongs to this one
      if (!history.isEmpty()) {
        conversationId = null;
        for (String question : history) typed(question);
      }
      ObjectNode start = JSON.createObjectNode().put("type", "start")
          .put("sample_rate", audio.format().rateHz()).put("format", "pcm_s16le")
          .put("channels", audio.format().channels());
      if ((oneConversation || !history.isEmpty()) && conversationId != null) {
        start.put("conversation_id", conversationId);
      }
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

  /** One typed turn, waited for to its end; its conversation is the one the next turn continues. */
  private void typed(String text) throws Exception {
    BenchTurn t = new BenchTurn(Abandon.NONE);
    ObjectNode message = JSON.createObjectNode().put("type", "text").put("text", text);
    if (conversationId != null) message.put("conversation_id", conversationId);
    sendText(message);
    long deadline = System.nanoTime() + turnTimeout.toNanos();
    while (!t.over) await(t, deadline);
    if (t.failure != null || !t.errors.isEmpty() || t.conversationId == null) {
      throw new IllegalStateException("the typed turn \"" + text + "\" failed: " + t.errors + " " + t.failure);
    }
    conversationId = t.conversationId;
  }

  /** Sends the PCM in {@value #FRAME_MILLIS} ms frames, at wall-clock pace when realtime; stops if the turn ends. */
  private void stream(BenchTurn t, AudioChunk audio) throws Exception {
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
      for (StampedListener.Event e = events.poll(); e != null; e = events.poll()) handle(t, e); // e.g. utterance_too_long
    }
  }

  /** Handles the next event, throwing {@link TimeoutException} once {@code deadlineNanos} has passed. */
  private void await(BenchTurn t, long deadlineNanos) throws InterruptedException, TimeoutException {
    StampedListener.Event e = events.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    if (e == null) throw new TimeoutException();
    handle(t, e);
  }

  private void handle(BenchTurn t, StampedListener.Event event) {
    if (event instanceof StampedListener.Closed c) {
      t.failure = "socket closed: " + c.why();
      t.over = true;
      drop();
    } else if (event instanceof StampedListener.Audio a) {
      if (t.firstAudioNanos == 0) t.firstAudioNanos = a.nanos();
      t.audioBytes += a.bytes();
      t.playback.frame(a.nanos(), a.bytes());
      if (t.ready && t.abandon != Abandon.NONE && !t.abandoned) abandon(t);
    } else if (event instanceof StampedListener.Message m) {
      t.message(m.nanos(), m.json());
    }
  }

  private void abandon(BenchTurn t) {
    t.abandoned = true;
    t.over = true;
    switch (t.abandon) {
      case DISCONNECT -> drop();
      case STOP_READING -> listener.reading = false;
      default -> { } // BARGE_IN: the next turn's start does it
    }
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
}
