package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import dev.hearth.lists.Lists;
import dev.hearth.store.ListItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the household's shopping and to-do lists through {@link Lists}: add, read, remove, tick off and clear. Several
 * items joined by "and" are several items. "The list" or "my list", no list named, is the shopping list; removing or
 * ticking off an item without naming a list finds it on either.
 *
 * <p>Add: "add milk to the shopping list", "put eggs and bread on my shopping list", "add call mom to my to do list",
 * "we're out of milk". Read: "what's on my shopping list", "read my to do list". Remove: "remove eggs", "take milk off
 * my list". Done: "mark call mom as done", "cross eggs off my list". Clear: "clear the shopping list".
 */
final class ListSkill implements Skill {
  static final String UNAVAILABLE = "I can't change your lists here. Ask me by voice or on Hearth's page.";

  private static final Map<String, String> LIST_NAMES = new LinkedHashMap<>();

  static {
    for (String name : List.of("shopping list", "shopping", "grocery list", "groceries list", "groceries")) {
      LIST_NAMES.put(name, ListItem.SHOPPING);
    }
    for (String name : List.of("to do list", "todo list", "to do", "todo", "to dos", "todos", "task list", "tasks")) {
      LIST_NAMES.put(name, ListItem.TODO);
    }
  }

  private static final String LIST = "[the|my|our] ({list:list_name}|list)";
  private static final String ITEMS = "{items:list_item}";
  private static final String KNOWN = "{items:known_item}";

  private final Lists lists;

  /** @param lists the lists; null where no list may be changed (the OpenAI-compatible API), which says so */
  ListSkill(Lists lists) {
    this.lists = lists;
  }

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.slotType("list_name", SkillSlots.list(LIST_NAMES)).slotType("list_item", ListItemSlot.ANY)
        .slotType("known_item", ListItemSlot.COMMON_ONLY);
    sentences.sentences("list.add",
        "(add|put|write|stick|pop) " + ITEMS + " (to|on|onto|in) " + LIST,
        "(add|put) (to|on) " + LIST + " " + ITEMS,
        "(buy|pick up) " + KNOWN,
        "we need [to buy|to get|some|more] " + KNOWN,
        "(we are|were|i am) (out of|low on|running low on|running out of|almost out of) " + KNOWN);
    sentences.sentences("list.read",
        "what is (on|in) " + LIST,
        "(read|show|tell me|list) [me] [what is on] " + LIST,
        "what (is|have i got|do i have|do we have) (on|in) " + LIST,
        "(is|are) there (anything|any items|items) on " + LIST,
        "what do (i|we) need (to buy|from the (store|shop|shops|supermarket))");
    sentences.sentences("list.remove",
        "(remove|delete|erase|drop) " + ITEMS + " from " + LIST,
        "take " + ITEMS + " (off|out of) " + LIST,
        "(remove|delete) " + KNOWN);
    sentences.sentences("list.done",
        "mark " + ITEMS + " [as] (done|complete|completed|finished|bought) [(on|in) " + LIST + "]",
        "(tick|check|cross) off " + ITEMS + " [(on|from) " + LIST + "]",
        "(tick|check|cross) " + ITEMS + " off [" + LIST + "]");
    sentences.sentences("list.clear",
        "(clear|empty|wipe|erase) [out] " + LIST,
        "(remove|delete|clear) (everything|all items|all the items) (from|on|off) " + LIST);
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    if (lists == null) return Skill.say(UNAVAILABLE);
    Optional<String> named = intent.slot("list", String.class);
    String list = named.orElse(ListItem.SHOPPING);
    List<String> items = intent.slot("items", ListItemSlot.Items.class).map(ListItemSlot.Items::texts).orElse(List.of());
    return Skill.say(switch (intent.name()) {
      case "list.add" -> add(list, items);
      case "list.read" -> read(list);
      case "list.remove" -> remove(named.orElse(null), items);
      case "list.done" -> done(named.orElse(null), items);
      default -> clear(list);
    });
  }

  private String add(String list, List<String> items) {
    Lists.Result r = lists.add(list, items);
    String where = " to your " + spoken(list) + ".";
    if (r.changed().isEmpty()) return "You already have " + and(r.unchanged()) + " on your " + spoken(list) + ".";
    String added = "Added " + and(texts(r.changed())) + where;
    return r.unchanged().isEmpty() ? added : added + " You already had " + and(r.unchanged()) + ".";
  }

  private String read(String list) {
    List<ListItem> all = lists.items(list);
    List<String> open = all.stream().filter(i -> !i.done()).map(ListItem::text).toList();
    if (all.isEmpty()) return "Your " + spoken(list) + " is empty.";
    if (open.isEmpty()) return "Everything on your " + spoken(list) + " is ticked off.";
    String items = open.size() == 1 ? "just " + open.get(0) : and(open);
    return "On your " + spoken(list) + ": " + items + ".";
  }

  private String remove(String list, List<String> items) {
    Lists.Result r = lists.remove(list, items);
    if (r.changed().isEmpty()) return "I don't see " + and(r.unchanged()) + " on your " + where(list) + ".";
    String removed = "Removed " + and(texts(r.changed())) + " from your " + where(listOf(r, list)) + ".";
    return r.unchanged().isEmpty() ? removed : removed + " I don't see " + and(r.unchanged()) + " there.";
  }

  private String done(String list, List<String> items) {
    Lists.Result r = lists.markDone(list, items);
    if (r.changed().isEmpty()) return "I don't see " + and(r.unchanged()) + " on your " + where(list) + ".";
    String marked = "Ticked off " + and(texts(r.changed())) + ".";
    return r.unchanged().isEmpty() ? marked : marked + " I don't see " + and(r.unchanged()) + " on your "
        + where(list) + ".";
  }

  private String clear(String list) {
    int cleared = lists.clear(list);
    if (cleared == 0) return "Your " + spoken(list) + " is already empty.";
    return "Cleared your " + spoken(list) + ": " + cleared + (cleared == 1 ? " item." : " items.");
  }

  // ---- helpers

  /** "shopping list" or "to-do list". */
  static String spoken(String list) {
    return ListItem.TODO.equals(list) ? "to-do list" : "shopping list";
  }

  /** The list named, or, when none was, "lists". */
  private static String where(String list) {
    return list == null ? "lists" : spoken(list);
  }

  /** The one list the changed items are on, or {@code named} (perhaps null) when they are on both. */
  private static String listOf(Lists.Result r, String named) {
    List<String> on = r.changed().stream().map(ListItem::list).distinct().toList();
    return on.size() == 1 ? on.get(0) : named;
  }

  private static List<String> texts(List<ListItem> items) {
    return items.stream().map(ListItem::text).toList();
  }

  /** "a", "a and b", "a, b and c". */
  private static String and(List<String> items) {
    return TimerSkill.joinWithAnd(items, ", ");
  }
}
