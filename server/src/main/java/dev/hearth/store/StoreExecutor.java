package dev.hearth.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs every store call on one platform thread the app owns ("hearth-store"), so SQLite work never runs on a
 * Jetty or WebSocket thread and writes are naturally serialized.
 */
public final class StoreExecutor implements AutoCloseable {
  private final HistoryStore store;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "hearth-store");
    t.setDaemon(true);
    return t;
  });

  public StoreExecutor(HistoryStore store) {
    this.store = store;
  }

  /** Runs {@code work} against the store on the store thread. */
  public <T> CompletableFuture<T> submit(Function<HistoryStore, T> work) {
    return CompletableFuture.supplyAsync(() -> work.apply(store), executor);
  }

  /** Finishes queued work, then closes the store. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
