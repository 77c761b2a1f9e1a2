package dev.hearth.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** {@link HistoryStore} on the {@code conversations} and {@code events} tables of a {@link SqliteStore}. */
final class SqliteHistory implements HistoryStore {

  /** How many characters of the first user words become a conversation's title. */
  static final int TITLE_FROM_TEXT_CHARS = 60;

  private static final String CONVERSATION_COLUMNS = "c.id, c.title, c.created_at, c.updated_at, "
      + "(SELECT count(*) FROM events e WHERE e.conversation_id = c.id)";
  private static final String EVENT_COLUMNS =
      "id, conversation_id, seq, turn_id, type, text, source, data, created_at";

  private final Sql sql;

  SqliteHistory(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Conversation createConversation(String id, String title, long nowMillis) {
    return sql.write("create conversation " + id, () -> {
      try (PreparedStatement ps = sql.prepare(
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
    return sql.read("read conversation " + id, () -> {
      try (PreparedStatement ps = sql.prepare(
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
    return sql.read("list conversations", () -> {
      try (PreparedStatement ps = sql.prepare("SELECT " + CONVERSATION_COLUMNS
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
    return sql.read("count conversations", () -> {
      try (Statement st = sql.statement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM conversations")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  @Override
  public Optional<Conversation> rename(String id, String title, long nowMillis) {
    boolean renamed = sql.write("rename conversation " + id, () -> {
      try (PreparedStatement ps = sql.prepare(
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
    return sql.write("delete conversation " + id, () -> {
      try (PreparedStatement ps = sql.prepare("DELETE FROM conversations WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Event append(NewEvent event) {
    return sql.write("append to conversation " + event.conversationId(), () -> insertEvent(event));
  }

  @Override
  public List<Event> events(String conversationId) {
    return sql.read("read events of " + conversationId, () -> {
      try (PreparedStatement ps = sql.prepare(
          "SELECT " + EVENT_COLUMNS + " FROM events WHERE conversation_id = ? ORDER BY seq")) {
        ps.setString(1, conversationId);
        return eventsOf(ps);
      }
    });
  }

  @Override
  public List<Event> recentEvents(String conversationId, List<EventType> types, int limit) {
    if (types.isEmpty() || limit <= 0) return List.of();
    return sql.read("read recent events of " + conversationId, () -> {
      try (PreparedStatement ps = sql.prepare("SELECT " + EVENT_COLUMNS + " FROM events WHERE "
          + ofTypes(types) + " ORDER BY seq DESC LIMIT ?")) {
        ps.setInt(bindOfTypes(ps, conversationId, types), limit);
        List<Event> newestFirst = eventsOf(ps);
        Collections.reverse(newestFirst);
        return newestFirst;
      }
    });
  }

  @Override
  public int countEvents(String conversationId, List<EventType> types) {
    if (types.isEmpty()) return 0;
    return sql.read("count events of " + conversationId, () -> {
      try (PreparedStatement ps = sql.prepare("SELECT count(*) FROM events WHERE " + ofTypes(types))) {
        bindOfTypes(ps, conversationId, types);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    });
  }

  /** The condition "a conversation's events of these types", bound by {@link #bindOfTypes}. */
  private static String ofTypes(List<EventType> types) {
    return "conversation_id = ? AND type IN (" + String.join(", ", Collections.nCopies(types.size(), "?")) + ")";
  }

  /** Binds {@link #ofTypes}'s parameters; returns the index of the next one. */
  private static int bindOfTypes(PreparedStatement ps, String conversationId, List<EventType> types)
      throws SQLException {
    int i = 1;
    ps.setString(i++, conversationId);
    for (EventType type : types) ps.setString(i++, type.wire());
    return i;
  }

  /**
   * Appends within the caller's transaction (an {@link #append}, or a timer's change with its event); creates the
   * conversation when missing and titles it if untitled.
   */
  Event insertEvent(NewEvent e) throws SQLException {
    String title = isUserWords(e.type()) ? titleFrom(e.text()) : null;
    try (PreparedStatement ps = sql.prepare(
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
    try (PreparedStatement ps = sql.prepare(
        "SELECT coalesce(max(seq), 0) + 1 FROM events WHERE conversation_id = ?")) {
      ps.setString(1, e.conversationId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = sql.prepareReturningKey("INSERT INTO events (conversation_id, seq, turn_id, type, "
        + "text, source, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
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

  private static boolean isUserWords(EventType type) {
    return type == EventType.USER_TEXT || type == EventType.USER_TRANSCRIPT;
  }
}
