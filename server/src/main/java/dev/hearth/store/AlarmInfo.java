package dev.hearth.store;

/**
 * An alarm at a clock time. {@code localTime} is the time as set ("07:30"), {@code dueAtMillis} the epoch millisecond
 * it rings; {@code label} is null when the user gave none; {@code conversationId} is the conversation that set it.
 */
public record AlarmInfo(String id, String conversationId, String label, String localTime, long dueAtMillis,
    long createdAtMillis, State state) {

  /** Pending until it rings, is cancelled, or was due while Hearth was not running ({@code MISSED}). */
  public enum State { PENDING, RANG, CANCELLED, MISSED }
}
