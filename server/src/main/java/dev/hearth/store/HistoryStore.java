package dev.hearth.store;

import java.util.List;
import java.util.Optional;

/**
 * Conversations and their ordered events, kept durably.
 *
 * <p>Every method does blocking I/O: call it only on the store's own thread (see {@link StoreThread}), never from a
 * Jetty or WebSocket thread. Every write is one transaction.
 */
public interface HistoryStore {

  /** Creates a conversation with the given id; the title may be null (the first user words become it). */
  Conversation createConversation(String id, String title, long nowMillis);

  Optional<Conversation> conversation(String id);

  /** Conversations, most recently updated first; {@code offset}/{@code limit} page through them. */
  List<Conversation> listConversations(int offset, int limit);

  /** Total number of conversations (for paging). */
  int countConversations();

  /** Renames; empty if no such conversation. */
  Optional<Conversation> rename(String id, String title, long nowMillis);

  /** Deletes a conversation with its events and timers; false if it did not exist. */
  boolean deleteConversation(String id);

  /**
   * Appends an event to a conversation, creating the conversation if it does not exist yet, and bumps its
   * updated time. Returns the stored event with its id and per-conversation sequence number.
   */
  Event append(NewEvent event);

  /** All events of a conversation, oldest first. */
  List<Event> events(String conversationId);

  /** The last {@code limit} events of the given types, oldest first. */
  List<Event> recentEvents(String conversationId, List<EventType> types, int limit);

  /** How many events of the given types a conversation holds. */
  int countEvents(String conversationId, List<EventType> types);
}
