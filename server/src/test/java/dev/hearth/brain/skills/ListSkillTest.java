package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.lists.ListService;
import dev.hearth.store.ListItem;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The list skill over the real store (SQLite in memory), through the skills' one matcher. */
class ListSkillTest {
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 21, 19, 42, 0, 0, ZoneId.of("UTC"));

  private final StoreThread store = new StoreThread(SqliteStore.inMemory());
  private final List<String> changed = new ArrayList<>();
  private final ListService lists = new ListService(store.lists(), Clock.fixed(Instant.ofEpochMilli(1_000),
      ZoneId.of("UTC")), changed::add);
  private final Skills skills = new Skills(new Household(new FakeTimers(0), null, lists, null));

  @AfterEach
  void close() {
    store.close();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "add milk to the shopping list|shopping|milk|Added milk to your shopping list.",
      "Add milk to my shopping list.|shopping|milk|Added milk to your shopping list.",
      "put eggs and bread on my shopping list|shopping|eggs;bread|Added eggs and bread to your shopping list.",
      "add call mom to my to do list|todo|call mom|Added call mom to your to-do list.",
      "add pay the electricity bill to my to-do list|todo|pay the electricity bill"
          + "|Added pay the electricity bill to your to-do list.",
      "add go to the bank to the todo list|todo|go to the bank|Added go to the bank to your to-do list.",
      "add milk to the list|shopping|milk|Added milk to your shopping list.",
      "put butter on my list please|shopping|butter|Added butter to your shopping list.",
      "add the olive oil to our grocery list|shopping|olive oil|Added olive oil to your shopping list.",
      "add eggs bread and milk to the shopping list|shopping|eggs;bread;milk"
          + "|Added eggs, bread and milk to your shopping list.",
      "add salt and pepper to the shopping list|shopping|salt and pepper|Added salt and pepper to your shopping list.",
      "add two pints of cream and some apples to the shopping list|shopping|two pints of cream;apples"
          + "|Added two pints of cream and apples to your shopping list.",
      "I need to buy milk|shopping|milk|Added milk to your shopping list.",
      "we're out of coffee|shopping|coffee|Added coffee to your shopping list.",
      "we need more toilet paper|shopping|toilet paper|Added toilet paper to your shopping list."})
  void adds(String text, String list, String items, String reply) {
    assertThat(ask(text)).contains(reply);
    assertThat(texts(list)).containsExactly(items.split(";"));
    assertThat(changed).containsExactly(list);
  }

  @Test
  void addingWhatIsThereSaysSoAndAddsTheRest() {
    ask("add eggs to the shopping list");
    assertThat(ask("add egg to the shopping list")).contains("You already have egg on your shopping list.");
    assertThat(ask("put Eggs and bread on my shopping list"))
        .contains("Added bread to your shopping list. You already had eggs.");
    assertThat(texts(ListItem.SHOPPING)).containsExactly("eggs", "bread");
  }

  @Test
  void addingATickedOffItemPutsItBack() {
    ask("add milk to the shopping list");
    ask("cross milk off my list");
    assertThat(lists.items(ListItem.SHOPPING)).singleElement().satisfies(i -> assertThat(i.done()).isTrue());
    assertThat(ask("add milk to the shopping list")).contains("Added milk to your shopping list.");
    assertThat(lists.items(ListItem.SHOPPING)).singleElement().satisfies(i -> assertThat(i.done()).isFalse());
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what's on my shopping list", "what is on the shopping list", "read my shopping list",
      "what's on my list", "show me the shopping list", "what do we need to buy", "read me the grocery list"})
  void readsTheShoppingList(String text) {
    assertThat(ask(text)).contains("Your shopping list is empty.");
    lists.add(ListItem.SHOPPING, List.of("milk", "eggs", "bread"));
    lists.add(ListItem.TODO, List.of("call mom"));
    assertThat(ask(text)).contains("On your shopping list: milk, eggs and bread.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"read my to do list", "what's on my to-do list", "what is on the todo list",
      "tell me my to do list"})
  void readsTheToDoList(String text) {
    lists.add(ListItem.TODO, List.of("call mom"));
    assertThat(ask(text)).contains("On your to-do list: just call mom.");
  }

  @Test
  void readingLeavesOutWhatIsTickedOff() {
    lists.add(ListItem.TODO, List.of("call mom", "pay rent"));
    ask("mark call mom as done");
    assertThat(ask("read my to do list")).contains("On your to-do list: just pay rent.");
    ask("mark pay rent as done");
    assertThat(ask("read my to do list")).contains("Everything on your to-do list is ticked off.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "remove eggs|Removed eggs from your shopping list.",
      "remove egg|Removed eggs from your shopping list.",
      "remove eggs from the shopping list|Removed eggs from your shopping list.",
      "take the eggs off my list|Removed eggs from your shopping list.",
      "delete eggs from my grocery list|Removed eggs from your shopping list."})
  void removesForgivingPlurals(String text, String reply) {
    lists.add(ListItem.SHOPPING, List.of("eggs", "milk"));
    assertThat(ask(text)).contains(reply);
    assertThat(texts(ListItem.SHOPPING)).containsExactly("milk");
  }

  @Test
  void removingWhatIsNotThereSaysSo() {
    lists.add(ListItem.SHOPPING, List.of("milk"));
    changed.clear();
    assertThat(ask("remove eggs")).contains("I don't see eggs on your lists.");
    assertThat(ask("remove eggs from the shopping list")).contains("I don't see eggs on your shopping list.");
    assertThat(ask("remove milk and eggs from the shopping list"))
        .contains("Removed milk from your shopping list. I don't see eggs there.");
    assertThat(texts(ListItem.SHOPPING)).isEmpty();
    assertThat(changed).containsExactly(ListItem.SHOPPING);
  }

  @Test
  void removesFromTheToDoListWhenTheItemIsThere() {
    lists.add(ListItem.TODO, List.of("call mom"));
    assertThat(ask("take call mom off my list")).contains("Removed call mom from your to-do list.");
    assertThat(texts(ListItem.TODO)).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"mark call mom as done", "mark call mom done on my to do list", "tick off call mom",
      "cross call mom off my to do list", "check off call Mom"})
  void ticksOff(String text) {
    lists.add(ListItem.TODO, List.of("call mom", "pay rent"));
    assertThat(ask(text)).contains("Ticked off call mom.");
    assertThat(lists.items(ListItem.TODO)).extracting(ListItem::done).containsExactly(true, false);
  }

  @Test
  void tickingOffWhatIsNotThereSaysSo() {
    assertThat(ask("mark call grandma as done")).contains("I don't see call grandma on your lists.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"clear the shopping list", "empty my shopping list", "clear my list",
      "remove everything from the shopping list"})
  void clearsTheShoppingListOnly(String text) {
    lists.add(ListItem.SHOPPING, List.of("milk", "eggs"));
    lists.add(ListItem.TODO, List.of("call mom"));
    assertThat(ask(text)).contains("Cleared your shopping list: 2 items.");
    assertThat(texts(ListItem.SHOPPING)).isEmpty();
    assertThat(texts(ListItem.TODO)).containsExactly("call mom");
    assertThat(ask(text)).contains("Your shopping list is already empty.");
  }

  @Test
  void clearsTheToDoList() {
    lists.add(ListItem.TODO, List.of("call mom"));
    assertThat(ask("clear my to do list")).contains("Cleared your to-do list: 1 item.");
  }

  /** No open question, nor anything that only sounds like a list request, is taken by a list template. */
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what is the capital of france", "tell me a joke", "how do airplanes fly",
      "what can i make with eggs and spinach", "add some salt to the soup", "put the kettle on", "i need help",
      "buy me a coffee", "what do i need to make pancakes", "remove the background from a photo", "clear the table",
      "what is on tv tonight", "read me a story", "remove the stain", "delete my account", "i need a timer",
      "remove the timer", "delete the pasta timer", "what is in a cake", "take out the trash", "check the oven",
      "we need to talk", "show me how to make bread", "what is on the menu"})
  void takesNoOpenQuestion(String text) {
    Optional<Intent> intent = skills.understand(text);
    assertThat(intent.map(Intent::name).orElse("none")).doesNotStartWith("list.");
  }

  @Test
  void takesNoneOfTheCorpusOpenQuestions() throws Exception {
    Path file = Path.of(System.getProperty("hearth.home", "..")).resolve("testdata/commands/open-questions.txt");
    List<String> questions = Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(questions).hasSizeGreaterThanOrEqualTo(50);
    for (String q : questions) {
      assertThat(skills.understand(q).map(Intent::name).orElse("none")).as(q).doesNotStartWith("list.");
    }
  }

  @Test
  void withoutListsSaysItCannotChangeThem() {
    Skills none = new Skills(new FakeTimers(0));
    assertThat(none.respond(request("add milk to the shopping list"), delta -> {}))
        .contains(Reply.of(ListSkill.UNAVAILABLE, "skill"));
  }

  private Optional<String> ask(String text) {
    return skills.respond(request(text), delta -> {}).map(Reply::text);
  }

  private List<String> texts(String list) {
    return lists.items(list).stream().map(ListItem::text).toList();
  }

  private static BrainRequest request(String text) {
    return new BrainRequest(text, "c1", List.of(), NOW);
  }
}
