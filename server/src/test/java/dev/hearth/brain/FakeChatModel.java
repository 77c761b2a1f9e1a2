package dev.hearth.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A chat model that writes a scripted reply piece by piece, with knobs for delay and failure. */
public final class FakeChatModel implements ChatModel {
  private final List<String> pieces;
  private volatile long delayMillis;
  private volatile Exception failWith;
  /** The chats it was asked to continue. */
  public final List<List<ChatMessage>> calls = new ArrayList<>();
  /** The chats heard so far that it was asked to compute ahead, and how often it was told to stop. */
  public final List<List<ChatMessage>> anticipated = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final java.util.concurrent.atomic.AtomicInteger stops = new java.util.concurrent.atomic.AtomicInteger();

  public FakeChatModel(String... pieces) {
    this.pieces = List.of(pieces);
  }

  /** Waits this long before each piece, like a model writing token by token. */
  public FakeChatModel delayMillis(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** Throws this instead of answering. */
  public FakeChatModel failWith(Exception e) {
    this.failWith = e;
    return this;
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public void anticipate(List<ChatMessage> heardSoFar) {
    anticipated.add(List.copyOf(heardSoFar));
  }

  @Override
  public void stopAnticipating() {
    stops.incrementAndGet();
  }

  @Override
  public synchronized String complete(List<ChatMessage> messages, BooleanSupplier cancelled, Consumer<String> deltas)
      throws Exception {
    calls.add(List.copyOf(messages));
    if (failWith != null) throw failWith;
    StringBuilder written = new StringBuilder();
    for (String piece : pieces) {
      if (delayMillis > 0) Thread.sleep(delayMillis);
      if (cancelled.getAsBoolean()) break;
      deltas.accept(piece);
      written.append(piece);
    }
    return written.toString();
  }
}
