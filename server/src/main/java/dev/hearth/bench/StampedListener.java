package dev.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;

/**
 * A bench client's socket listener: stamps what arrives with {@link System#nanoTime()} and queues it for the client's
 * thread. It runs on the HTTP client's threads, so it does nothing else.
 */
final class StampedListener implements WebSocket.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Something that arrived on the socket, stamped on arrival. */
  sealed interface Event permits Message, Audio, Closed {}

  record Message(long nanos, JsonNode json) implements Event {}

  record Audio(long nanos, int bytes) implements Event {}

  record Closed(long nanos, String why) implements Event {}

  private final BlockingQueue<Event> events;
  private final StringBuilder text = new StringBuilder();
  /** False once a {@link BenchClient.Abandon#STOP_READING} turn stops asking for more: the server's writes then back up. */
  volatile boolean reading = true;

  StampedListener(BlockingQueue<Event> events) {
    this.events = events;
  }

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
