package dev.hearth.store;

/** A conversation's header. Times are epoch milliseconds. */
public record Conversation(String id, String title, long createdAtMillis, long updatedAtMillis, int eventCount) {}
