package dev.hearth.protocols.wyoming;

import java.util.concurrent.CompletableFuture;

/** Where a request's answers go: the connection's {@link EventWriter}, which writes them in the order they are sent. */
@FunctionalInterface
interface EventSink {
  /**
   * Queues {@code event} after the ones sent before it, without waiting; the future completes once it is written, and
   * fails with an {@link java.io.IOException} when the connection cannot take it.
   */
  CompletableFuture<Void> send(WyomingEvent event);
}
