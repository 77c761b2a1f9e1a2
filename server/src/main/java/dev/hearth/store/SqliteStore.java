package dev.hearth.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The household's data in one SQLite file, in WAL mode with {@code synchronous=FULL}: a committed write survives a
 * killed process and a power cut. Its tables are seen through one narrow interface per kind of data: the
 * {@link #history()}, the {@link #timers()}, the {@link #alarms()}, the {@link #lists()}, the {@link #usage()} and the
 * paired {@link #devices()}.
 *
 * <p>Holds one JDBC connection, shared by those interfaces, and is not thread-safe: use it from one thread only (the
 * {@link StoreThread}).
 */
public final class SqliteStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final Sql sql;
  private final SqliteHistory history;
  private final SqliteTimers timers;
  private final SqliteAlarms alarms;
  private final SqliteLists lists;
  private final SqliteUsage usage;
  private final SqliteDevices devices;

  private SqliteStore(Connection conn) {
    this.sql = new Sql(conn);
    this.history = new SqliteHistory(sql);
    this.timers = new SqliteTimers(sql, history);
    this.alarms = new SqliteAlarms(sql);
    this.lists = new SqliteLists(sql);
    this.usage = new SqliteUsage(sql);
    this.devices = new SqliteDevices(sql);
  }

  /**
   * Opens (creating it and its parent folders if needed) and migrates the database file. The folder is made
   * {@code 0700} and the file {@code 0600}; SQLite gives its {@code -wal} and {@code -shm} files the database file's mode.
   */
  public static SqliteStore open(Path dbFile) {
    Path file = dbFile.toAbsolutePath();
    try {
      if (file.getParent() != null) OwnerOnly.folder(file.getParent());
      OwnerOnly.file(file);
      for (String suffix : List.of("-wal", "-shm", "-journal")) OwnerOnly.fileIfPresent(Path.of(file + suffix));
    } catch (IOException e) {
      throw new StoreException("cannot create the history database " + dbFile + " readable by this user only: " + e.getMessage(), e);
    }
    return open("jdbc:sqlite:" + dbFile.toAbsolutePath(), dbFile.toString(), true);
  }

  /** A fresh, empty database in memory, for tests; lost on {@link #close()}. */
  public static SqliteStore inMemory() {
    return open("jdbc:sqlite::memory:", ":memory:", false);
  }

  private static SqliteStore open(String url, String dbName, boolean file) {
    Connection conn = null;
    try {
      conn = DriverManager.getConnection(url);
      try (Statement st = conn.createStatement()) {
        st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
        st.execute("PRAGMA foreign_keys = ON");
        if (file) {
          try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
            String mode = rs.next() ? rs.getString(1) : "?";
            if (!"wal".equalsIgnoreCase(mode)) {
              throw new StoreException("cannot switch " + dbName + " to WAL mode (it stays in '" + mode
                  + "'); is it on a file system without shared memory support, such as a network share?");
            }
          }
        }
        // FULL: WAL alone would survive a killed process, but only FULL survives a power cut
        st.execute("PRAGMA synchronous = FULL");
      }
      int before = Migrations.migrate(conn, dbName);
      if (before != Migrations.latestVersion()) {
        log.info("History database {} migrated from schema version {} to {}", dbName, before,
            Migrations.latestVersion());
      }
      return new SqliteStore(conn);
    } catch (SQLException | RuntimeException e) {
      if (conn != null) {
        try {
          conn.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof StoreException se) throw se;
      throw new StoreException("cannot open the history database " + dbName + ": " + e.getMessage(), e);
    }
  }

  /** Conversations and their events. */
  public HistoryStore history() {
    return history;
  }

  /** Alarms at a clock time. */
  public AlarmStore alarms() {
    return alarms;
  }

  /** Countdown timers, with their events in the history. */
  public TimerStore timers() {
    return timers;
  }

  /** The shopping and to-do lists. */
  public ListStore lists() {
    return lists;
  }

  /** Daily usage of the paid services. */
  public UsageStore usage() {
    return usage;
  }

  /** Paired devices. */
  public DeviceStore devices() {
    return devices;
  }

  /** Closes the connection; a WAL checkpoint folds the log back into the main file. */
  @Override
  public void close() {
    try {
      sql.close();
    } catch (SQLException e) {
      log.warn("Closing the history database failed", e);
    }
  }
}
