package dev.hearth.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one platform thread the app owns for the store ("hearth-store"): every call to the {@link SqliteStore} runs on
 * it, whichever of the store's interfaces it goes through. Owns the store, and closes it last.
 */
public final class StoreThread implements AutoCloseable {
  private final SqliteStore store;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "hearth-store");
    t.setDaemon(true);
    return t;
  });
  private final StoreExecutor<HistoryStore> history;
  private final StoreExecutor<TimerStore> timers;
  private final StoreExecutor<AlarmStore> alarms;
  private final StoreExecutor<ListStore> lists;
  private final StoreExecutor<UsageStore> usage;
  private final StoreExecutor<DeviceStore> devices;

  public StoreThread(SqliteStore store) {
    this.store = store;
    this.history = new StoreExecutor<>(store.history(), executor);
    this.timers = new StoreExecutor<>(store.timers(), executor);
    this.alarms = new StoreExecutor<>(store.alarms(), executor);
    this.lists = new StoreExecutor<>(store.lists(), executor);
    this.usage = new StoreExecutor<>(store.usage(), executor);
    this.devices = new StoreExecutor<>(store.devices(), executor);
  }

  /** Conversations and their events, on the store thread. */
  public StoreExecutor<HistoryStore> history() {
    return history;
  }

  /** Alarms, on the store thread. */
  public StoreExecutor<AlarmStore> alarms() {
    return alarms;
  }

  /** Countdown timers, on the store thread. */
  public StoreExecutor<TimerStore> timers() {
    return timers;
  }

  /** The shopping and to-do lists, on the store thread. */
  public StoreExecutor<ListStore> lists() {
    return lists;
  }

  /** Daily usage of the paid services, on the store thread. */
  public StoreExecutor<UsageStore> usage() {
    return usage;
  }

  /** Paired devices, on the store thread. */
  public StoreExecutor<DeviceStore> devices() {
    return devices;
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
