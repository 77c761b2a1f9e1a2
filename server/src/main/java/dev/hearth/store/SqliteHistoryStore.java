package dev.hearth.store;

import dev.hearth.timer.TimerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HistoryStore} in one SQLite file, in WAL mode with {@code synchronous=FULL}: a committed write survives
 * a killed process and a power cut.
 *
 * <p>Holds one JDBC connection and is not thread-safe: use it from one thread only (the {@link StoreExecutor}).
 */
public final class SqliteHistoryStore implements HistoryStore {
  private static final Logger log = LoggerFactory.getLogger(SqliteHistoryStore.class);

  /** How many characters of the first user words become a conversation's title. */
  static final int TITLE_FROM_TEXT_CHARS = 60;
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private static final String CONVERSATION_COLUMNS = "c.id, c.title, c.created_at, c.updated_at, "
      + "(SELECT count(*) FROM events e WHERE e.conversation_id = c.id)";
  private static final String EVENT_COLUMNS =
      "id, conversation_id, seq, turn_id, type, text, source, data, created_at";
  private static final String TIMER_COLUMNS = "id, conversation_id, label, duration_ms, created_at, due_at, state";

  private final Connection conn;

  private SqliteHistoryStore(Connection conn) {
    this.conn = conn;
  }

  /**
   * Opens (creating it and its parent folders if needed) and migrates the database file. The folder is made
   * {@code 0700} and the file {@code 0600}; SQLite gives its {@code -wal} and {@code -shm} files the database file's mode.
   */
  public static SqliteHistoryStore open(Path dbFile) {
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
  public static SqliteHistoryStore inMemory() {
    return open("jdbc:sqlite::memory:", ":memory:", false);
  }

  private static SqliteHistoryStore open(String url, String dbName, boolean file) {
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
      return new SqliteHistoryStore(conn);
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

  @Override
  public Conversation createConversation(String id, String title, long nowMillis) {
    return write("create conversation " + id, () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, title);
        ps.setLong(3, nowMillis);
        ps.setLong(4, nowMillis);
        ps.executeUpdate();
      }
      return new Conversation(id, title, nowMillis, nowMillis, 0);
    });
  }

  @Override
  public Optional<Conversation> conversation(String id) {
    return read("read conversation " + id, () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT " + CONVERSATION_COLUMNS + " FROM conversations c WHERE c.id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(conversationAt(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<Conversation> listConversations(int offset, int limit) {
    return read("list conversations", () -> {
      try (PreparedStatement ps = conn.prepareStatement("SELECT " + CONVERSATION_COLUMNS
          + " FROM conversations c ORDER BY c.updated_at DESC, c.id LIMIT ? OFFSET ?")) {
        ps.setInt(1, limit);
        ps.setInt(2, offset);
        List<Conversation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(conversationAt(rs));
        }
        return out;
      }
    });
  }

  @Override
  public int countConversations() {
    return read("count conversations", () -> {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM conversations")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  @Override
  public Optional<Conversation> rename(String id, String title, long nowMillis) {
    boolean renamed = write("rename conversation " + id, () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "UPDATE conversations SET title = ?, updated_at = max(updated_at, ?) WHERE id = ?")) {
        ps.setString(1, title);
        ps.setLong(2, nowMillis);
        ps.setString(3, id);
        return ps.executeUpdate() == 1;
      }
    });
    return renamed ? conversation(id) : Optional.empty();
  }

  @Override
  public boolean deleteConversation(String id) {
    return write("delete conversation " + id, () -> {
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM conversations WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Event append(NewEvent event) {
    return write("append to conversation " + event.conversationId(), () -> insertEvent(event));
  }

  @Override
  public List<Event> events(String conversationId) {
    return read("read events of " + conversationId, () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT " + EVENT_COLUMNS + " FROM events WHERE conversation_id = ? ORDER BY seq")) {
        ps.setString(1, conversationId);
        return eventsOf(ps);
      }
    });
  }

  @Override
  public List<Event> recentEvents(String conversationId, List<EventType> types, int limit) {
    if (types.isEmpty() || limit <= 0) return List.of();
    String marks = String.join(", ", Collections.nCopies(types.size(), "?"));
    return read("read recent events of " + conversationId, () -> {
      try (PreparedStatement ps = conn.prepareStatement("SELECT " + EVENT_COLUMNS
          + " FROM events WHERE conversation_id = ? AND type IN (" + marks + ") ORDER BY seq DESC LIMIT ?")) {
        int i = 1;
        ps.setString(i++, conversationId);
        for (EventType type : types) ps.setString(i++, type.wire());
        ps.setInt(i, limit);
        List<Event> newestFirst = eventsOf(ps);
        Collections.reverse(newestFirst);
        return newestFirst;
      }
    });
  }

  @Override
  public TimerInfo addTimer(TimerInfo timer, String eventText) {
    return write("add timer " + timer.id(), () -> {
      String data = "{\"timer_id\":" + jsonString(timer.id()) + ",\"duration_ms\":" + timer.durationMillis()
          + ",\"due_at\":" + timer.dueAtMillis() + "}";
      // the event first: it creates the conversation the timer refers to, if needed
      insertEvent(new NewEvent(timer.conversationId(), null, EventType.TIMER_SET, eventText, null, data,
          timer.createdAtMillis()));
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO timers (" + TIMER_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, timer.id());
        ps.setString(2, timer.conversationId());
        ps.setString(3, timer.label());
        ps.setLong(4, timer.durationMillis());
        ps.setLong(5, timer.createdAtMillis());
        ps.setLong(6, timer.dueAtMillis());
        ps.setString(7, stateName(TimerInfo.State.PENDING));
        ps.executeUpdate();
      }
      return withState(timer, TimerInfo.State.PENDING);
    });
  }

  @Override
  public Optional<TimerInfo> finishTimer(String timerId, TimerInfo.State state, String eventText, long nowMillis) {
    EventType type = switch (state) {
      case FIRED -> EventType.TIMER_FIRED;
      case CANCELLED -> EventType.TIMER_CANCELLED;
      case PENDING -> throw new IllegalArgumentException("a timer can only be finished as FIRED or CANCELLED");
    };
    return write("finish timer " + timerId, () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "UPDATE timers SET state = ? WHERE id = ? AND state = ?")) {
        ps.setString(1, stateName(state));
        ps.setString(2, timerId);
        ps.setString(3, stateName(TimerInfo.State.PENDING));
        if (ps.executeUpdate() == 0) return Optional.<TimerInfo>empty();
      }
      TimerInfo finished = timerById(timerId).orElseThrow();
      insertEvent(new NewEvent(finished.conversationId(), null, type, eventText, null,
          "{\"timer_id\":" + jsonString(timerId) + "}", nowMillis));
      return Optional.of(finished);
    });
  }

  @Override
  public Optional<TimerInfo> timer(String timerId) {
    return read("read timer " + timerId, () -> timerById(timerId));
  }

  @Override
  public List<TimerInfo> pendingTimers(String conversationId) {
    return read("read pending timers", () -> {
      String where = conversationId == null ? "" : " AND conversation_id = ?";
      try (PreparedStatement ps = conn.prepareStatement("SELECT " + TIMER_COLUMNS
          + " FROM timers WHERE state = ?" + where + " ORDER BY due_at, id")) {
        ps.setString(1, stateName(TimerInfo.State.PENDING));
        if (conversationId != null) ps.setString(2, conversationId);
        List<TimerInfo> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(timerAt(rs));
        }
        return out;
      }
    });
  }

  /** Closes the connection; a WAL checkpoint folds the log back into the main file. */
  @Override
  public long addUsage(String day, String kind, long amount) {
    return write("record usage of " + kind, () -> {
      // a refund (negative amount) never takes a total below zero
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO usage (day, kind, amount) VALUES (?, ?, max(0, ?)) "
          + "ON CONFLICT (day, kind) DO UPDATE SET amount = max(0, amount + ?)")) {
        ps.setString(1, day);
        ps.setString(2, kind);
        ps.setLong(3, amount);
        ps.setLong(4, amount);
        ps.executeUpdate();
      }
      return usageOf(day, kind);
    });
  }

  @Override
  public long usage(String day, String kind) {
    return read("read usage of " + kind, () -> usageOf(day, kind));
  }

  private long usageOf(String day, String kind) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT amount FROM usage WHERE day = ? AND kind = ?")) {
      ps.setString(1, day);
      ps.setString(2, kind);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  @Override
  public Device addDevice(String id, String name, String tokenSha256, long nowMillis) {
    return write("pair device " + id, () -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO devices (id, name, token_sha256, created_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, name);
        ps.setString(3, tokenSha256);
        ps.setLong(4, nowMillis);
        ps.executeUpdate();
      }
      return new Device(id, name, nowMillis);
    });
  }

  @Override
  public List<Device.WithToken> devices() {
    return read("list paired devices", () -> {
      List<Device.WithToken> out = new ArrayList<>();
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT id, name, created_at, token_sha256 FROM devices ORDER BY created_at, id")) {
        while (rs.next()) out.add(new Device.WithToken(new Device(rs.getString(1), rs.getString(2), rs.getLong(3)), rs.getString(4)));
      }
      return out;
    });
  }

  @Override
  public boolean removeDevice(String id) {
    return write("unpair device " + id, () -> {
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM devices WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      log.warn("Closing the history database failed", e);
    }
  }

  // Appends within the caller's transaction; creates the conversation when missing and titles it if untitled.
  private Event insertEvent(NewEvent e) throws SQLException {
    String title = isUserWords(e.type()) ? titleFrom(e.text()) : null;
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET updated_at = max(updated_at, excluded.updated_at), "
            + "title = coalesce(title, excluded.title)")) {
      ps.setString(1, e.conversationId());
      ps.setString(2, title);
      ps.setLong(3, e.createdAtMillis());
      ps.setLong(4, e.createdAtMillis());
      ps.executeUpdate();
    }
    long seq;
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT coalesce(max(seq), 0) + 1 FROM events WHERE conversation_id = ?")) {
      ps.setString(1, e.conversationId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO events (conversation_id, seq, turn_id, type, "
        + "text, source, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, e.conversationId());
      ps.setLong(2, seq);
      ps.setString(3, e.turnId());
      ps.setString(4, e.type().wire());
      ps.setString(5, e.text());
      ps.setString(6, e.source());
      ps.setString(7, e.dataJson());
      ps.setLong(8, e.createdAtMillis());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return new Event(keys.getLong(1), e.conversationId(), seq, e.turnId(), e.type(), e.text(), e.source(),
            e.dataJson(), e.createdAtMillis());
      }
    }
  }

  private Optional<TimerInfo> timerById(String timerId) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT " + TIMER_COLUMNS + " FROM timers WHERE id = ?")) {
      ps.setString(1, timerId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(timerAt(rs)) : Optional.empty();
      }
    }
  }

  private static List<Event> eventsOf(PreparedStatement ps) throws SQLException {
    List<Event> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Event(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
            EventType.fromWire(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9)));
      }
    }
    return out;
  }

  private static Conversation conversationAt(ResultSet rs) throws SQLException {
    return new Conversation(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5));
  }

  private static TimerInfo timerAt(ResultSet rs) throws SQLException {
    return new TimerInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
        rs.getLong(6), TimerInfo.State.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)));
  }

  private static TimerInfo withState(TimerInfo t, TimerInfo.State state) {
    return new TimerInfo(t.id(), t.conversationId(), t.label(), t.durationMillis(), t.createdAtMillis(),
        t.dueAtMillis(), state);
  }

  private static String stateName(TimerInfo.State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  private static boolean isUserWords(EventType type) {
    return type == EventType.USER_TEXT || type == EventType.USER_TRANSCRIPT;
  }

  /** The first words of {@code text} as a title, cut at a word boundary; null when there are no words. */
  static String titleFrom(String text) {
    if (text == null) return null;
    String words = text.strip().replaceAll("\\s+", " ");
    if (words.isEmpty()) return null;
    if (words.codePointCount(0, words.length()) <= TITLE_FROM_TEXT_CHARS) return words;
    String cut = words.substring(0, words.offsetByCodePoints(0, TITLE_FROM_TEXT_CHARS));
    int space = cut.lastIndexOf(' ');
    if (space >= TITLE_FROM_TEXT_CHARS / 2) cut = cut.substring(0, space);
    return cut + "…";
  }

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private <T> T read(String what, SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
  private <T> T write(String what, SqlWork<T> work) {
    try {
      conn.setAutoCommit(false);
      try {
        T result = work.run();
        conn.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
