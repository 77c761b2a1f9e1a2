package dev.hearth.lists;

/** Told when a list changed, so that the app can tell the pages that show it. */
@FunctionalInterface
public interface ListChanges {

  /** Called after each change to {@code list} is stored, on the store's thread; must return at once. */
  void changed(String list);
}
