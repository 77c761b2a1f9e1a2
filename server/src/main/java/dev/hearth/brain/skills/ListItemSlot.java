package dev.hearth.brain.skills;

import dev.hearth.brain.intent.SlotType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The things a person puts on a list, as slot types: one or more items, "and" between them ("eggs and bread" is two,
 * "salt and pepper" one). The value is {@link Items}.
 */
final class ListItemSlot {
  private ListItemSlot() {}

  /** How much less sure an item is that is not among the common ones (as {@link TimerSkill#UNCOMMON_NAME_DOUBT}). */
  static final double UNCOMMON_ITEM_DOUBT = 0.06;
  /** Most words of all the items in one request. */
  static final int MAX_WORDS = 10;

  /** Groceries a restricted recognizer may hear on a list; any other item is heard by open recognition. */
  static final List<String> GROCERIES = List.of("milk", "eggs", "egg", "bread", "butter", "cheese", "yogurt", "cream",
      "sour cream", "cream cheese", "ice cream", "apples", "bananas", "oranges", "lemons", "grapes", "strawberries",
      "blueberries", "tomatoes", "potatoes", "onions", "garlic", "carrots", "lettuce", "spinach", "broccoli",
      "cucumber", "peppers", "mushrooms", "avocados", "chicken", "beef", "pork", "bacon", "ham", "sausages", "fish",
      "salmon", "rice", "pasta", "noodles", "flour", "sugar", "salt", "pepper", "salt and pepper", "olive oil", "oil",
      "vinegar", "coffee", "tea", "juice", "orange juice", "apple juice", "water", "cereal", "oats", "honey", "jam",
      "peanut butter", "chocolate", "cookies", "crackers", "chips", "beans", "soup", "tomato sauce", "ketchup",
      "mustard", "mayonnaise", "tortillas", "bagels", "nuts", "mac and cheese", "toilet paper", "paper towels",
      "dish soap", "laundry detergent", "shampoo", "toothpaste", "soap", "trash bags", "batteries", "dog food",
      "cat food");
  /** Chores a restricted recognizer may hear on the to-do list. */
  static final List<String> CHORES = List.of("call mom", "call dad", "do the laundry", "laundry", "wash the car",
      "mow the lawn", "take out the trash", "take out the bins", "clean the kitchen", "clean the bathroom", "vacuum",
      "water the plants", "walk the dog", "feed the cat", "pay the bills", "pay rent", "do the dishes",
      "book a dentist appointment", "go to the bank");
  private static final List<String> COMMON = Stream.concat(GROCERIES.stream(), CHORES.stream()).toList();

  /** Words no item holds: they are the templates' own ("from the list", "off my list"). */
  private static final Set<String> NOT_ITEM = Set.of("on", "onto", "off", "from", "list", "lists", "as", "timer",
      "timers", "alarm", "alarms", "everything");
  /** Words that are no item alone. */
  private static final Set<String> NOT_ALONE = Set.of("it", "that", "this", "them", "those", "these", "something",
      "anything", "all", "to", "and", "my", "our", "me", "do", "done");
  /** Words an item's text leaves out at its start ("some apples" is "apples"). */
  private static final Set<String> ARTICLES = Set.of("a", "an", "the", "some", "more");
  /** Words an item does not begin or end with. */
  private static final Set<String> NOT_AT_EDGE = Set.of("a", "an", "the", "some", "more", "and", "to", "my", "our",
      "please", "um", "uh", "er", "so", "just", "now", "also", "too");

  /** Items said in a request: each as said, in order. */
  record Items(List<String> texts) {
    Items {
      texts = List.copyOf(texts);
    }

    /** As the command corpus writes them: items between commas, words between underscores ("eggs,call_mom"). */
    @Override
    public String toString() {
      return String.join(",", texts.stream().map(t -> t.replace(' ', '_')).toList());
    }
  }

  /** Any items: common ones surely, others ({@link #UNCOMMON_ITEM_DOUBT}) a little less. */
  static final SlotType ANY = SkillSlots.of((words, start) -> read(words, start, false), COMMON);

  /** Only common items: for requests that name no list ("buy milk", "remove eggs"), which open questions resemble. */
  static final SlotType COMMON_ONLY = SkillSlots.of((words, start) -> read(words, start, true), COMMON);

  private static List<SlotType.Reading> read(List<String> words, int start, boolean commonOnly) {
    List<SlotType.Reading> readings = new ArrayList<>();
    for (int n = Math.min(MAX_WORDS, words.size() - start); n >= 1; n--) {
      List<String> said = words.subList(start, start + n);
      if (!said.stream().allMatch(ListItemSlot::isItemWord)) continue;
      List<String> items = split(said);
      if (items.isEmpty()) continue;
      boolean common = items.stream().allMatch(ListItemSlot::isCommon);
      if (commonOnly && !common) continue;
      readings.add(new SlotType.Reading(new Items(items), n, common ? 0 : UNCOMMON_ITEM_DOUBT));
    }
    return readings;
  }

  /**
   * The items in {@code words}: split at "and" unless a common item holds it, and a run of common one-word items
   * said without "and" between them ("eggs bread and milk": a list read out, its commas unheard) split into them.
   * Empty when a part is no item.
   */
  private static List<String> split(List<String> words) {
    List<String> parts = new ArrayList<>();
    List<String> part = new ArrayList<>();
    for (int i = 0; i <= words.size(); i++) {
      if (i < words.size() && !words.get(i).equals("and")) {
        part.add(words.get(i));
        continue;
      }
      if (part.isEmpty()) return List.of();
      String joined = String.join(" ", part);
      int last = parts.size() - 1;
      if (last >= 0 && isCommon(parts.get(last) + " and " + joined)) parts.set(last, parts.get(last) + " and " + joined);
      else parts.add(joined);
      part = new ArrayList<>();
    }
    List<String> items = new ArrayList<>();
    for (String p : parts) {
      List<String> w = new ArrayList<>(List.of(p.split(" ")));
      while (w.size() > 1 && ARTICLES.contains(w.get(0))) w.remove(0);
      String item = String.join(" ", w);
      if (NOT_AT_EDGE.contains(w.get(0)) || NOT_AT_EDGE.contains(w.get(w.size() - 1))) return List.of();
      if (w.size() == 1 && NOT_ALONE.contains(w.get(0))) return List.of();
      if (!isCommon(item) && w.size() > 1 && w.stream().allMatch(ListItemSlot::isCommon)) items.addAll(w);
      else items.add(item);
    }
    return items;
  }

  private static boolean isItemWord(String word) {
    return !NOT_ITEM.contains(word) && word.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
  }

  /** Whether {@code item} is a common one, or its plural or singular is ("apple" for "apples"). */
  static boolean isCommon(String item) {
    for (String c : COMMON) {
      if (c.equals(item) || c.equals(item + "s") || item.equals(c + "s") || c.equals(item + "es")
          || item.equals(c + "es")) {
        return true;
      }
    }
    return false;
  }
}
