package dev.hearth.store;

/**
 * A countdown timer. Times are epoch milliseconds; {@code label} is null when the user gave none.
 */
public record TimerInfo(String id, String conversationId, String label, long durationMillis, long createdAtMillis,
    long dueAtMillis, State state) {

  public enum State { PENDING, FIRED, CANCELLED }

  public long remainingMillis(long nowMillis) {
    return Math.max(0, dueAtMillis - nowMillis);
  }
}
