package dev.hearth.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Runs work against one of the store's interfaces ({@code S}: {@link HistoryStore}, {@link TimerStore},
 * {@link ListStore}, {@link UsageStore} or {@link DeviceStore}) on the {@link StoreThread}, so SQLite work never runs
 * on a Jetty or WebSocket thread and writes are naturally serialized. Every interface's work goes through the one
 * thread, in the order it was submitted.
 */
public final class StoreExecutor<S> {
  private final S store;
  private final Executor thread;

  StoreExecutor(S store, Executor thread) {
    this.store = store;
    this.thread = thread;
  }

  /** Runs {@code work} against the store on the store thread; nothing else touches the store meanwhile. */
  public <T> CompletableFuture<T> submit(Function<S, T> work) {
    return CompletableFuture.supplyAsync(() -> work.apply(store), thread);
  }
}
