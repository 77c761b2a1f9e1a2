package dev.hearth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code list_items} table through {@link ListStore}, in a real SQLite file. */
class SqliteListsTest {
  @TempDir Path dir;
  Path dbFile;
  SqliteStore store;

  @BeforeEach
  void open() {
    dbFile = dir.resolve("SqliteListsTest.db");
    store = SqliteStore.open(dbFile);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void appendsInOrderAfterWhatIsThere() {
    lists().append(ListItem.SHOPPING, List.of(item("a", "milk"), item("b", "eggs")), 1_000);
    List<ListItem> more = lists().append(ListItem.SHOPPING, List.of(item("c", "bread")), 2_000);

    assertThat(more).containsExactly(new ListItem("c", ListItem.SHOPPING, "bread", false, 2, 2_000, 2_000));
    assertThat(lists().items(ListItem.SHOPPING)).extracting(ListItem::text).containsExactly("milk", "eggs", "bread");
    assertThat(lists().items(ListItem.TODO)).isEmpty();
  }

  @Test
  void updatesTextAndDoneMarkSeparately() {
    lists().append(ListItem.TODO, List.of(item("a", "call mom")), 1_000);

    assertThat(lists().update(ListItem.TODO, "a", null, true, 2_000)).get()
        .isEqualTo(new ListItem("a", ListItem.TODO, "call mom", true, 0, 1_000, 2_000));
    assertThat(lists().update(ListItem.TODO, "a", "call mum", null, 3_000)).get()
        .isEqualTo(new ListItem("a", ListItem.TODO, "call mum", true, 0, 1_000, 3_000));
    assertThat(lists().update(ListItem.SHOPPING, "a", "x", null, 4_000)).as("another list's item").isEmpty();
    assertThat(lists().update(ListItem.TODO, "nope", "x", null, 4_000)).isEmpty();
  }

  @Test
  void deletesOnlyTheNamedListsItems() {
    lists().append(ListItem.SHOPPING, List.of(item("a", "milk"), item("b", "eggs")), 1_000);

    assertThat(lists().delete(ListItem.TODO, List.of("a"))).isEmpty();
    assertThat(lists().delete(ListItem.SHOPPING, List.of("a", "nope"))).extracting(ListItem::id).containsExactly("a");
    assertThat(lists().items(ListItem.SHOPPING)).extracting(ListItem::id).containsExactly("b");
  }

  @Test
  void clearsOneList() {
    lists().append(ListItem.SHOPPING, List.of(item("a", "milk"), item("b", "eggs")), 1_000);
    lists().append(ListItem.TODO, List.of(item("c", "call mom")), 1_000);

    assertThat(lists().clear(ListItem.SHOPPING)).isEqualTo(2);
    assertThat(lists().items(ListItem.SHOPPING)).isEmpty();
    assertThat(lists().items(ListItem.TODO)).hasSize(1);
  }

  @Test
  void refusesAListThatIsNeither() {
    assertThatThrownBy(() -> lists().items("groceries")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no list named 'groceries'");
  }

  @Test
  void anAppendThatFailsPartWayLeavesNothing() {
    lists().append(ListItem.SHOPPING, List.of(item("a", "milk")), 1_000);

    // the second new item reuses an id: the whole append is one transaction and rolls back
    assertThatThrownBy(() -> lists().append(ListItem.SHOPPING, List.of(item("b", "eggs"), item("a", "bread")), 2_000))
        .isInstanceOf(StoreException.class);
    assertThat(lists().items(ListItem.SHOPPING)).extracting(ListItem::text).containsExactly("milk");
  }

  @Test
  void listsSurviveClosingAndReopeningTheFile() throws Exception {
    lists().append(ListItem.SHOPPING, List.of(item("a", "milk")), 1_000);
    lists().append(ListItem.TODO, List.of(item("b", "call mom")), 1_000);
    lists().update(ListItem.TODO, "b", null, true, 2_000);
    store.close();

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement()) {
      assertThat(st.executeQuery("SELECT count(*) FROM list_items").getInt(1)).as("written to the file").isEqualTo(2);
    }
    store = SqliteStore.open(dbFile);

    assertThat(lists().items(ListItem.SHOPPING)).extracting(ListItem::text).containsExactly("milk");
    assertThat(lists().items(ListItem.TODO)).containsExactly(new ListItem("b", ListItem.TODO, "call mom", true, 0, 1_000,
        2_000));
  }

  private ListStore lists() {
    return store.lists();
  }

  private static ListStore.NewItem item(String id, String text) {
    return new ListStore.NewItem(id, text);
  }
}
