package dev.hearth.store;

/** A stored event; {@code seq} orders the events of one conversation starting at 1. */
public record Event(long id, String conversationId, long seq, String turnId, EventType type, String text,
    String source, String dataJson, long createdAtMillis) {}
