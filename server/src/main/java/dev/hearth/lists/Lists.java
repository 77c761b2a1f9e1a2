package dev.hearth.lists;

import dev.hearth.store.ListItem;
import java.util.List;

/**
 * The household's shopping and to-do lists, as the list skill uses them. Items are found by their words, forgiving
 * case, an article and plurals ("egg" finds "Eggs"). Implementations persist them; the methods block.
 */
public interface Lists {

  /** What a change did: the items it changed, and the words it left alone (already there, or not found). */
  record Result(List<ListItem> changed, List<String> unchanged) {
    public Result {
      changed = List.copyOf(changed);
      unchanged = List.copyOf(unchanged);
    }
  }

  /** The items of {@code list} ({@link ListItem#SHOPPING} or {@link ListItem#TODO}), in order. */
  List<ListItem> items(String list);

  /** Appends each of {@code texts} that is not on {@code list} yet; those that are stay unchanged. */
  Result add(String list, List<String> texts);

  /**
   * Removes the item each of {@code texts} names from {@code list}; with {@code list} null, from the shopping list or,
   * when it is not there, the to-do list.
   */
  Result remove(String list, List<String> texts);

  /** Marks done the item each of {@code texts} names; with {@code list} null, on the to-do list or the shopping list. */
  Result markDone(String list, List<String> texts);

  /** Removes every item of {@code list}; returns how many there were. */
  int clear(String list);
}
