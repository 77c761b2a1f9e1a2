package dev.hearth.store;

import java.util.List;
import java.util.Optional;

/**
 * The household's shopping and to-do lists ({@link ListItem#SHOPPING}, {@link ListItem#TODO}).
 *
 * <p>Every method does blocking I/O: call it only on the store's own thread (see {@link StoreThread}). Every write is
 * one transaction. A list name that is neither list is an {@link IllegalArgumentException}.
 */
public interface ListStore {

  /** A new item: its id and its text. */
  record NewItem(String id, String text) {}

  /** The items of {@code list}, in order. */
  List<ListItem> items(String list);

  /** Appends {@code items} to the end of {@code list}, in order and not done, in one transaction. */
  List<ListItem> append(String list, List<NewItem> items, long nowMillis);

  /**
   * Changes the text and/or the done mark of one item of {@code list} ({@code text} or {@code done} null: unchanged);
   * empty when the list has no such item.
   */
  Optional<ListItem> update(String list, String id, String text, Boolean done, long nowMillis);

  /** Deletes the items of {@code list} with these ids, in one transaction; returns those it deleted. */
  List<ListItem> delete(String list, List<String> ids);

  /** Deletes every item of {@code list}; returns how many there were. */
  int clear(String list);
}
