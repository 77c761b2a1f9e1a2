package dev.hearth.store;

/**
 * How much of each paid service was used per day (OpenAI turns, live seconds), for the daily budgets.
 *
 * <p>Every method does blocking I/O: call it only on the store's own thread (see {@link StoreThread}).
 */
public interface UsageStore {

  /** Adds {@code amount} (may be negative) to the day's usage of {@code kind}; returns the new total. */
  long addUsage(String day, String kind, long amount);

  /** The day's usage of {@code kind}; 0 when none was recorded. */
  long usage(String day, String kind);
}
