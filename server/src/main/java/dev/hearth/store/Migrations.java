package dev.hearth.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as an ordered list of steps. The database's version is {@code PRAGMA user_version}: step N
 * brings a database from version N-1 to N, each in its own transaction. Append steps; never edit a released one.
 */
final class Migrations {

  /** One schema step; {@code version} is the user_version the database has after it. */
  record Step(int version, String description, List<String> statements) {}

  static final List<Step> STEPS = List.of(
      new Step(1, "conversations, events and timers", List.of(
          """
          CREATE TABLE conversations (
            id         TEXT PRIMARY KEY,
            title      TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
          )""",
          "CREATE INDEX conversations_by_updated ON conversations (updated_at DESC, id)",
          // type is free text and data a JSON object so that new event kinds need no migration
          """
          CREATE TABLE events (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            seq             INTEGER NOT NULL,
            turn_id         TEXT,
            type            TEXT NOT NULL,
            text            TEXT,
            source          TEXT,
            data            TEXT,
            created_at      INTEGER NOT NULL,
            UNIQUE (conversation_id, seq)
          )""",
          """
          CREATE TABLE timers (
            id              TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            label           TEXT,
            duration_ms     INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            due_at          INTEGER NOT NULL,
            state           TEXT NOT NULL
          )""",
          "CREATE INDEX timers_by_conversation ON timers (conversation_id)",
          "CREATE INDEX timers_pending_by_due ON timers (due_at) WHERE state = 'pending'")),
      new Step(2, "daily usage of paid services (OpenAI turns, live seconds)", List.of(
          """
          CREATE TABLE usage (
            day    TEXT NOT NULL,
            kind   TEXT NOT NULL,
            amount INTEGER NOT NULL,
            PRIMARY KEY (day, kind)
          )""")),
      // only a hash of each device's token is kept: a copy of the file does not let anyone in
      new Step(3, "paired devices", List.of(
          """
          CREATE TABLE devices (
            id           TEXT PRIMARY KEY,
            name         TEXT NOT NULL,
            token_sha256 TEXT NOT NULL UNIQUE,
            created_at   INTEGER NOT NULL
          )""")),
      // list is 'shopping' or 'todo'; position orders the items as they were added or moved
      new Step(4, "shopping and to-do lists", List.of(
          """
          CREATE TABLE list_items (
            id         TEXT PRIMARY KEY,
            list       TEXT NOT NULL,
            text       TEXT NOT NULL,
            done       INTEGER NOT NULL DEFAULT 0,
            position   INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
          )""",
          "CREATE INDEX list_items_by_list ON list_items (list, position)")),
      // an alarm is not a conversation's: it outlives the conversation that set it, so no foreign key
      new Step(5, "alarms at a clock time", List.of(
          """
          CREATE TABLE alarms (
            id              TEXT PRIMARY KEY,
            conversation_id TEXT,
            label           TEXT,
            local_time      TEXT NOT NULL,
            due_at          INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            state           TEXT NOT NULL
          )""",
          "CREATE INDEX alarms_pending_by_due ON alarms (due_at) WHERE state = 'pending'")));

  private Migrations() {}

  /** The schema version this code writes. */
  static int latestVersion() {
    return STEPS.get(STEPS.size() - 1).version();
  }

  /**
   * Brings the database up to {@link #latestVersion()}; returns the version it had before.
   *
   * @throws StoreException if the database is newer than this code
   */
  static int migrate(Connection conn, String dbName) throws SQLException {
    int current = userVersion(conn);
    if (current > latestVersion()) {
      throw new StoreException("database " + dbName + " has schema version " + current
          + " but this Hearth knows versions up to " + latestVersion()
          + "; run a newer Hearth, or move the file away to start an empty history");
    }
    for (Step step : STEPS) {
      if (step.version() <= current) continue;
      conn.setAutoCommit(false);
      try (Statement st = conn.createStatement()) {
        for (String sql : step.statements()) st.executeUpdate(sql);
        st.executeUpdate("PRAGMA user_version = " + step.version());
        conn.commit();
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw new StoreException("migration to schema version " + step.version() + " (" + step.description()
            + ") failed on " + dbName, e);
      } finally {
        conn.setAutoCommit(true);
      }
    }
    return current;
  }

  static int userVersion(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
