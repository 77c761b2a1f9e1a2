package dev.hearth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
  @TempDir Path dir;
  Path dbFile;
  SqliteStore store;

  @BeforeEach
  void open() {
    dbFile = dir.resolve("data/SqliteStoreTest.db");
    store = SqliteStore.open(dbFile);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void migratesAnEmptyFileToTheLatestSchemaInWalMode() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement()) {
      assertThat(single(st, "PRAGMA user_version")).isEqualTo(String.valueOf(Migrations.latestVersion()));
      assertThat(single(st, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(single(st, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' "
          + "AND name NOT LIKE 'sqlite_%' ORDER BY name)")).isEqualTo("alarms,conversations,devices,events,list_items,timers,usage");
    }
    store = SqliteStore.open(dbFile); // a second open finds nothing to migrate
    assertThat(store.history().countConversations()).isZero();
  }

  @Test
  void reopeningKeepsConversationsEventsAndTimers() {
    store.history().createConversation("c1", "Kitchen", 1_000);
    store.history().append(userText("c1", "hello", 2_000));
    store.timers().addTimer(timer("tm_1", "c1", 3_000), "Timer set: 1 minute");
    store.close();

    store = SqliteStore.open(dbFile);

    assertThat(store.history().conversation("c1")).get()
        .isEqualTo(new Conversation("c1", "Kitchen", 1_000, 3_000, 2));
    assertThat(store.history().events("c1")).extracting(Event::type).containsExactly(EventType.USER_TEXT, EventType.TIMER_SET);
    assertThat(store.timers().pendingTimers(null)).extracting(TimerInfo::id).containsExactly("tm_1");
  }

  @Test
  void appendNumbersEventsPerConversationAndKeepsEveryField() {
    Event first = store.history().append(new NewEvent("a", "turn1", EventType.USER_TRANSCRIPT, "hi", null, null, 10));
    store.history().append(userText("b", "other conversation", 11));
    Event reply = store.history().append(new NewEvent("a", "turn1", EventType.ASSISTANT_REPLY, "Hello!", "skill",
        "{\"timings\":{\"total_ms\":420}}", 12));

    assertThat(first.seq()).isEqualTo(1);
    assertThat(reply.seq()).isEqualTo(2);
    assertThat(store.history().events("a")).containsExactly(first, reply);
    assertThat(store.history().events("b")).extracting(Event::seq).containsExactly(1L);
    assertThat(reply).isEqualTo(new Event(reply.id(), "a", 2, "turn1", EventType.ASSISTANT_REPLY, "Hello!", "skill",
        "{\"timings\":{\"total_ms\":420}}", 12));
  }

  @Test
  void appendCreatesTheConversationAndBumpsItsUpdatedTime() {
    store.history().append(userText("new", "hi", 500));
    store.history().append(userText("new", "again", 900));

    assertThat(store.history().conversation("new")).get().isEqualTo(new Conversation("new", "hi", 500, 900, 2));
  }

  @Test
  void recentEventsAreTheLastOfTheGivenTypesOldestFirst() {
    for (int i = 1; i <= 5; i++) {
      store.history().append(userText("c", "q" + i, i * 10));
      store.history().append(new NewEvent("c", null, EventType.ASSISTANT_REPLY, "a" + i, "skill", null, i * 10 + 1));
      store.history().append(new NewEvent("c", null, EventType.TIMER_FIRED, "t" + i, null, null, i * 10 + 2));
    }

    List<Event> recent = store.history().recentEvents("c", List.of(EventType.USER_TEXT, EventType.ASSISTANT_REPLY), 3);

    assertThat(recent).extracting(Event::text).containsExactly("a4", "q5", "a5");
    assertThat(store.history().recentEvents("c", List.of(), 3)).isEmpty();
    assertThat(store.history().countEvents("c", List.of(EventType.USER_TEXT, EventType.ASSISTANT_REPLY))).isEqualTo(10);
    assertThat(store.history().countEvents("c", List.of(EventType.TIMER_FIRED))).isEqualTo(5);
    assertThat(store.history().countEvents("other", List.of(EventType.TIMER_FIRED))).isZero();
    assertThat(store.history().countEvents("c", List.of())).isZero();
  }

  @Test
  void listsConversationsMostRecentlyUpdatedFirstInPages() {
    for (int i = 0; i < 5; i++) store.history().createConversation("c" + i, null, 100 + i);
    store.history().append(userText("c1", "bump", 1_000));

    assertThat(store.history().listConversations(0, 2)).extracting(Conversation::id).containsExactly("c1", "c4");
    assertThat(store.history().listConversations(2, 2)).extracting(Conversation::id).containsExactly("c3", "c2");
    assertThat(store.history().listConversations(4, 2)).extracting(Conversation::id).containsExactly("c0");
    assertThat(store.history().listConversations(6, 2)).isEmpty();
    assertThat(store.history().countConversations()).isEqualTo(5);
    assertThat(store.history().listConversations(0, 1).get(0).eventCount()).isEqualTo(1);
  }

  @Test
  void renameChangesTheTitleAndIsEmptyForAnUnknownId() {
    store.history().createConversation("c", null, 100);

    assertThat(store.history().rename("c", "Groceries", 200)).get()
        .isEqualTo(new Conversation("c", "Groceries", 100, 200, 0));
    assertThat(store.history().rename("nope", "x", 200)).isEmpty();
  }

  @Test
  void deleteCascadesToEventsAndTimers() {
    store.history().append(userText("c", "set a timer", 1));
    store.timers().addTimer(timer("tm_c", "c", 2), "Timer set: 1 minute");
    store.history().append(userText("keep", "other", 3));

    assertThat(store.history().deleteConversation("c")).isTrue();
    assertThat(store.history().deleteConversation("c")).isFalse();

    assertThat(store.history().conversation("c")).isEmpty();
    assertThat(store.history().events("c")).isEmpty();
    assertThat(store.timers().timer("tm_c")).isEmpty();
    assertThat(store.history().events("keep")).hasSize(1);
  }

  @Test
  void theFirstUserWordsTitleAnUntitledConversation() {
    store.history().createConversation("c", null, 1);
    store.history().append(new NewEvent("c", null, EventType.TIMER_FIRED, "Your timer is done.", null, null, 2));
    store.history().append(new NewEvent("c", null, EventType.USER_TRANSCRIPT, "   ", null, null, 3)); // nothing was said
    store.history().append(new NewEvent("c", null, EventType.USER_TRANSCRIPT,
        "what is   the weather going to be like tomorrow morning in the mountains near Grenoble", null, null, 4));
    store.history().append(userText("c", "and on Sunday", 5));

    assertThat(store.history().conversation("c").orElseThrow().title())
        .isEqualTo("what is the weather going to be like tomorrow morning in…");
  }

  @Test
  void aGivenTitleIsNotReplacedByUserWords() {
    store.history().createConversation("c", "Mine", 1);
    store.history().append(userText("c", "hello", 2));

    assertThat(store.history().conversation("c").orElseThrow().title()).isEqualTo("Mine");
  }

  @Test
  void titleFromShortTextIsTheTextItself() {
    assertThat(SqliteHistory.titleFrom(" Set a\ntimer ")).isEqualTo("Set a timer");
    assertThat(SqliteHistory.titleFrom("x".repeat(80))).isEqualTo("x".repeat(60) + "…");
  }

  @Test
  void addTimerStoresItWithItsEventInOneGo() {
    TimerInfo added = store.timers().addTimer(timer("tm_1", "c", 1_000), "Timer set: 1 minute");

    assertThat(added.state()).isEqualTo(TimerInfo.State.PENDING);
    assertThat(store.timers().timer("tm_1")).contains(added);
    Event set = store.history().events("c").get(0);
    assertThat(set.type()).isEqualTo(EventType.TIMER_SET);
    assertThat(set.text()).isEqualTo("Timer set: 1 minute");
    assertThat(set.dataJson()).contains("\"timer_id\":\"tm_1\"");
  }

  @Test
  void pendingTimersAreSoonestFirstAndFilteredByConversation() {
    store.timers().addTimer(new TimerInfo("late", "a", null, 900, 100, 1_000, TimerInfo.State.PENDING), "set");
    store.timers().addTimer(new TimerInfo("soon", "b", "pasta", 400, 100, 500, TimerInfo.State.PENDING), "set");
    store.timers().addTimer(new TimerInfo("done", "a", null, 100, 100, 200, TimerInfo.State.PENDING), "set");
    store.timers().finishTimer("done", TimerInfo.State.FIRED, "Your timer is done.", 200);

    assertThat(store.timers().pendingTimers(null)).extracting(TimerInfo::id).containsExactly("soon", "late");
    assertThat(store.timers().pendingTimers("a")).extracting(TimerInfo::id).containsExactly("late");
    assertThat(store.timers().pendingTimers("nobody")).isEmpty();
  }

  @Test
  void finishTimerHappensOnceAndAppendsItsEvent() {
    store.timers().addTimer(timer("tm_1", "c", 1_000), "Timer set: 1 minute");

    Optional<TimerInfo> fired =
        store.timers().finishTimer("tm_1", TimerInfo.State.FIRED, "Your 1 minute timer is done.", 61_000);
    Optional<TimerInfo> again = store.timers().finishTimer("tm_1", TimerInfo.State.CANCELLED, "cancelled", 62_000);

    assertThat(fired).get().extracting(TimerInfo::state).isEqualTo(TimerInfo.State.FIRED);
    assertThat(again).isEmpty();
    assertThat(store.timers().finishTimer("unknown", TimerInfo.State.FIRED, "x", 1)).isEmpty();
    assertThat(store.timers().timer("tm_1").orElseThrow().state()).isEqualTo(TimerInfo.State.FIRED);
    assertThat(store.history().events("c")).extracting(Event::type, Event::text).containsExactly(
        tuple(EventType.TIMER_SET, "Timer set: 1 minute"),
        tuple(EventType.TIMER_FIRED, "Your 1 minute timer is done."));
  }

  @Test
  void aDatabaseFromANewerHearthIsRefusedWithAClearMessage() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement()) {
      st.executeUpdate("PRAGMA user_version = " + (Migrations.latestVersion() + 1));
    }

    assertThatThrownBy(() -> SqliteStore.open(dbFile))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version " + (Migrations.latestVersion() + 1))
        .hasMessageContaining("knows versions up to " + Migrations.latestVersion())
        .hasMessageContaining(dbFile.toString());
    store = SqliteStore.inMemory(); // for @AfterEach
  }

  @Test
  void usageAddsUpPerDayNeverGoesBelowZeroAndSurvivesReopening() {
    assertThat(store.usage().usage("2026-11-21", "openai_turns")).isZero();
    assertThat(store.usage().addUsage("2026-11-21", "openai_turns", 1)).isEqualTo(1);
    assertThat(store.usage().addUsage("2026-11-21", "openai_turns", 2)).isEqualTo(3);
    assertThat(store.usage().addUsage("2026-11-21", "openai_live_seconds", 600)).isEqualTo(600);
    assertThat(store.usage().addUsage("2026-11-21", "openai_live_seconds", -900)).isZero();
    assertThat(store.usage().addUsage("2026-11-22", "openai_turns", -5)).isZero();
    store.close();
    store = SqliteStore.open(dbFile);
    assertThat(store.usage().usage("2026-11-21", "openai_turns")).isEqualTo(3);
    assertThat(store.usage().usage("2026-11-22", "openai_turns")).isZero();
  }

  @Test
  void inMemoryStoreWorksForTests() {
    try (SqliteStore memory = SqliteStore.inMemory()) {
      memory.history().append(userText("c", "hi", 1));
      assertThat(memory.history().events("c")).hasSize(1);
    }
  }

  private static NewEvent userText(String conversationId, String text, long at) {
    return new NewEvent(conversationId, null, EventType.USER_TEXT, text, null, null, at);
  }

  private static TimerInfo timer(String id, String conversationId, long createdAt) {
    return new TimerInfo(id, conversationId, null, 60_000, createdAt, createdAt + 60_000, TimerInfo.State.PENDING);
  }

  private static String single(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
