package dev.hearth.sched;

/**
 * Voice work that may ask to go before the voice work queued ahead of it in {@link SharedThreads}: a turn whose button
 * was released is recognized before the streams still being spoken into, since its person is now waiting.
 */
public interface Expedited extends Runnable {
  /** Whether this work goes first; asked each time a thread is free. */
  boolean first();
}
