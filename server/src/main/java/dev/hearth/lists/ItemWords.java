package dev.hearth.lists;

import dev.hearth.store.ListItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether two texts name the same list item: the same words, ignoring case, punctuation, a leading article and
 * plurals ("Eggs" is "an egg", "tomato" is "tomatoes").
 */
final class ItemWords {
  private static final Set<String> ARTICLES = Set.of("a", "an", "the", "some", "more");

  private ItemWords() {}

  /** The first of {@code items} that {@code text} names. */
  static Optional<ListItem> find(List<ListItem> items, String text) {
    return items.stream().filter(item -> same(item.text(), text)).findFirst();
  }

  static boolean same(String a, String b) {
    List<String> x = words(a);
    List<String> y = words(b);
    if (x.isEmpty() || x.size() != y.size()) return false;
    for (int i = 0; i < x.size(); i++) {
      if (!sameWord(x.get(i), y.get(i))) return false;
    }
    return true;
  }

  private static boolean sameWord(String a, String b) {
    return a.equals(b) || a.equals(b + "s") || b.equals(a + "s") || a.equals(b + "es") || b.equals(a + "es");
  }

  private static List<String> words(String text) {
    String plain = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    List<String> words = new ArrayList<>(plain.isEmpty() ? List.of() : Arrays.asList(plain.split(" ")));
    if (words.size() > 1 && ARTICLES.contains(words.get(0))) words.remove(0);
    return words;
  }
}
