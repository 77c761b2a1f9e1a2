package dev.hearth.lists;

import dev.hearth.store.ListItem;
import dev.hearth.store.ListStore;
import dev.hearth.store.StoreExecutor;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The shopping and to-do lists, kept in the store: for the list skill ({@link Lists}, whose methods block and are
 * meant for the brain's thread) and for the page's API (whose methods return futures completed on the store's thread,
 * so a Jetty thread never waits). Each task runs as one unit on the store's thread, so nothing changes a list between
 * finding an item and changing it. After every change, {@link ListChanges} hears which list changed.
 */
public final class ListService implements Lists {
  /** The longest item text, in characters (code points). */
  public static final int MAX_TEXT_CHARS = 200;
  /** The lists, in the order the page shows them. */
  public static final List<String> LISTS = List.of(ListItem.SHOPPING, ListItem.TODO);

  /**
   * An item the page added: the new one, or the one already on the list that the text names ({@code added} false),
   * or one that was done and is not any more ({@code added} true).
   */
  public record Added(ListItem item, boolean added) {}

  private final StoreExecutor<ListStore> store;
  private final Clock clock;
  private final ListChanges changes;
  private final SecureRandom random = new SecureRandom();

  public ListService(StoreExecutor<ListStore> store, Clock clock, ListChanges changes) {
    this.store = store;
    this.clock = clock;
    this.changes = changes;
  }

  // ---- the page's API: futures

  /** Both lists, by name, in {@link #LISTS} order. */
  public CompletableFuture<Map<String, List<ListItem>>> all() {
    return store.submit(s -> {
      Map<String, List<ListItem>> all = new LinkedHashMap<>();
      for (String list : LISTS) all.put(list, s.items(list));
      return all;
    });
  }

  /** Adds {@code text} to {@code list}, unless an item there names it already (then that one, not done again). */
  public CompletableFuture<Added> addItem(String list, String text) {
    return change(s -> {
      Result r = add(s, list, List.of(text));
      if (!r.changed().isEmpty()) return new Added(r.changed().get(0), true);
      return new Added(ItemWords.find(s.items(list), text).orElseThrow(), false);
    }, a -> a.added() ? List.of(list) : List.of());
  }

  /** Changes an item's text and/or done mark (null: unchanged); empty when {@code list} has no item {@code id}. */
  public CompletableFuture<Optional<ListItem>> update(String list, String id, String text, Boolean done) {
    long now = clock.millis();
    return change(s -> s.update(list, id, text, done, now), found -> found.isPresent() ? List.of(list) : List.of());
  }

  /** Deletes one item; false when {@code list} has no item {@code id}. */
  public CompletableFuture<Boolean> delete(String list, String id) {
    return change(s -> !s.delete(list, List.of(id)).isEmpty(), deleted -> deleted ? List.of(list) : List.of());
  }

  // ---- the skill's: blocking

  @Override
  public List<ListItem> items(String list) {
    return store.submit(s -> s.items(list)).join();
  }

  @Override
  public Result add(String list, List<String> texts) {
    return change(s -> add(s, list, texts), ListService::listsOf).join();
  }

  @Override
  public Result remove(String list, List<String> texts) {
    List<String> where = list != null ? List.of(list) : LISTS;
    return change(s -> findEach(s, where, texts, (l, item) -> s.delete(l, List.of(item.id())).stream().findFirst()),
        ListService::listsOf).join();
  }

  @Override
  public Result markDone(String list, List<String> texts) {
    List<String> where = list != null ? List.of(list) : List.of(ListItem.TODO, ListItem.SHOPPING);
    long now = clock.millis();
    return change(s -> findEach(s, where, texts, (l, item) -> s.update(l, item.id(), null, true, now)),
        ListService::listsOf).join();
  }

  @Override
  public int clear(String list) {
    return change(s -> s.clear(list), n -> n > 0 ? List.of(list) : List.<String>of()).join();
  }

  // ---- helpers

  private Result add(ListStore s, String list, List<String> texts) {
    long now = clock.millis();
    List<ListItem> items = s.items(list);
    List<ListItem> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<ListStore.NewItem> fresh = new ArrayList<>();
    for (String text : texts) {
      Optional<ListItem> there = ItemWords.find(items, text);
      if (there.isPresent() && there.get().done()) {
        // ticked off earlier (bought, done) and wanted again: back on the list
        s.update(list, there.get().id(), null, false, now).ifPresent(changed::add);
      } else if (there.isPresent() || fresh.stream().anyMatch(f -> ItemWords.same(f.text(), text))) {
        unchanged.add(text);
      } else {
        fresh.add(new ListStore.NewItem(newId(), text));
      }
    }
    if (!fresh.isEmpty()) changed.addAll(s.append(list, fresh, now));
    return new Result(changed, unchanged);
  }

  /** What to do with an item found on a list. */
  private interface Found {
    Optional<ListItem> apply(String list, ListItem item);
  }

  /** For each text, the first item of the first of {@code lists} that it names, changed by {@code found}. */
  private static Result findEach(ListStore s, List<String> lists, List<String> texts, Found found) {
    List<ListItem> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (String text : texts) {
      Optional<ListItem> done = Optional.empty();
      for (String list : lists) {
        Optional<ListItem> item = ItemWords.find(s.items(list), text);
        if (item.isPresent()) {
          done = found.apply(list, item.get());
          break;
        }
      }
      done.ifPresentOrElse(changed::add, () -> unchanged.add(text));
    }
    return new Result(changed, unchanged);
  }

  /** Runs {@code work} on the store's thread, then tells {@link ListChanges} of each list {@code touched} names. */
  private <T> CompletableFuture<T> change(Function<ListStore, T> work, Function<T, List<String>> touched) {
    return store.submit(work).thenApply(result -> {
      for (String list : touched.apply(result)) changes.changed(list);
      return result;
    });
  }

  private static List<String> listsOf(Result r) {
    Set<String> lists = new LinkedHashSet<>();
    for (ListItem item : r.changed()) lists.add(item.list());
    return List.copyOf(lists);
  }

  private String newId() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return "li_" + HexFormat.of().formatHex(bytes);
  }
}
