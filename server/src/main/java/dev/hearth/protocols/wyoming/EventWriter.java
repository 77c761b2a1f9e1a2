package dev.hearth.protocols.wyoming;

import dev.hearth.turn.SerialExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's writer: events go out one at a time, in the order they were sent, each written (and flushed) by
 * one of the app's request threads, so neither the connection's reader nor a recognition or speech thread ever waits
 * on a slow client. The first write that fails breaks the writer: every event after it fails at once, unwritten. The
 * server's watchdog asks {@link #writingSince} to find a client that stopped reading.
 */
final class EventWriter implements EventSink {
  private final OutputStream out;
  private final Executor serial;
  /** When the write in progress began (System.nanoTime), or 0 when none is. */
  private volatile long writingSinceNanos;
  /** Why the connection takes no more events, once a write failed. */
  private volatile IOException broken;

  /** @param requestThreads the app's threads for writing to clients; this writer uses one of them at a time */
  EventWriter(OutputStream out, Executor requestThreads) {
    this.out = out;
    this.serial = new SerialExecutor(requestThreads);
  }

  @Override
  public CompletableFuture<Void> send(WyomingEvent event) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    try {
      serial.execute(() -> write(event, written));
    } catch (RejectedExecutionException e) { // the app's threads are shut down: the server is stopping
      written.completeExceptionally(new IOException("the server is stopping", e));
    }
    return written;
  }

  /** When the write in progress began (System.nanoTime), or 0 when no write is in progress. */
  long writingSince() {
    return writingSinceNanos;
  }

  private void write(WyomingEvent event, CompletableFuture<Void> written) {
    if (broken != null) {
      written.completeExceptionally(broken);
      return;
    }
    writingSinceNanos = System.nanoTime();
    try {
      EventCodec.write(out, event);
      written.complete(null);
    } catch (IOException e) {
      broken = e;
      written.completeExceptionally(e);
    } catch (RuntimeException e) { // a task that threw would stop this writer's queue for good
      broken = new IOException("writing '" + event.type() + "' failed", e);
      written.completeExceptionally(broken);
    } finally {
      writingSinceNanos = 0;
    }
  }
}
