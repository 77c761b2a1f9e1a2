package dev.hearth.store;

/**
 * One item of a household list. Times are epoch milliseconds; {@code position} orders a list's items, the oldest
 * first.
 *
 * @param list {@link #SHOPPING} or {@link #TODO}
 */
public record ListItem(String id, String list, String text, boolean done, long position, long createdAtMillis,
    long updatedAtMillis) {
  /** The shopping list's name. */
  public static final String SHOPPING = "shopping";
  /** The to-do list's name. */
  public static final String TODO = "todo";

  /** Whether {@code list} names one of the lists. */
  public static boolean isList(String list) {
    return SHOPPING.equals(list) || TODO.equals(list);
  }
}
