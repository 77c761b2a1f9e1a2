package dev.hearth.store;

import dev.hearth.timer.TimerInfo;
import java.util.List;
import java.util.Optional;

/**
 * Conversations, their ordered events and the timers, kept durably.
 *
 * <p>Every method does blocking I/O: call it only from the store's own executor (see {@link StoreExecutor}),
 * never from a Jetty or WebSocket thread. Every write is one transaction.
 */
public interface HistoryStore extends AutoCloseable {

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

  /** Stores a new pending timer and its {@link EventType#TIMER_SET} event in one transaction. */
  TimerInfo addTimer(TimerInfo timer, String eventText);

  /** Marks a pending timer fired or cancelled and appends the matching event, in one transaction. */
  Optional<TimerInfo> finishTimer(String timerId, TimerInfo.State state, String eventText, long nowMillis);

  Optional<TimerInfo> timer(String timerId);

  /** Pending timers of one conversation, or of all when {@code conversationId} is null; soonest first. */
  List<TimerInfo> pendingTimers(String conversationId);

  /** Adds {@code amount} (may be negative) to the day's usage of {@code kind}; returns the new total. */
  long addUsage(String day, String kind, long amount);

  /** The day's usage of {@code kind}; 0 when none was recorded. */
  long usage(String day, String kind);

  /** Remembers a paired device by the SHA-256 (hex) of its token. */
  Device addDevice(String id, String name, String tokenSha256, long nowMillis);

  /** The paired devices with the hashes of their tokens, oldest first. */
  List<Device.WithToken> devices();

  /** Forgets a paired device (its token stops working); false if there was none with that id. */
  boolean removeDevice(String id);

  @Override
  void close();
}
