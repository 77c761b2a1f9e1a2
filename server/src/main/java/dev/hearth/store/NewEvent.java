package dev.hearth.store;

/**
 * An event to append. {@code turnId}, {@code source} and {@code dataJson} may be null; {@code dataJson} is a
 * JSON object with type-specific details (for replies: the turn's timings in milliseconds).
 */
public record NewEvent(String conversationId, String turnId, EventType type, String text, String source,
    String dataJson, long createdAtMillis) {}
