package dev.hearth.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link TimerStore} on the {@code timers} table of a {@link SqliteStore}; each timer's events go into its
 * conversation's history in the same transaction as the timer's change.
 */
final class SqliteTimers implements TimerStore {
  private static final String TIMER_COLUMNS = "id, conversation_id, label, duration_ms, created_at, due_at, state";

  private final Sql sql;
  private final SqliteHistory history;

  SqliteTimers(Sql sql, SqliteHistory history) {
    this.sql = sql;
    this.history = history;
  }

  @Override
  public TimerInfo addTimer(TimerInfo timer, String eventText) {
    return sql.write("add timer " + timer.id(), () -> {
      String data = "{\"timer_id\":" + jsonString(timer.id()) + ",\"duration_ms\":" + timer.durationMillis()
          + ",\"due_at\":" + timer.dueAtMillis() + "}";
      // the event first: it creates the conversation the timer refers to, if needed
      history.insertEvent(new NewEvent(timer.conversationId(), null, EventType.TIMER_SET, eventText, null, data,
          timer.createdAtMillis()));
      try (PreparedStatement ps = sql.prepare("INSERT INTO timers (" + TIMER_COLUMNS
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
    return sql.write("finish timer " + timerId, () -> {
      try (PreparedStatement ps = sql.prepare("UPDATE timers SET state = ? WHERE id = ? AND state = ?")) {
        ps.setString(1, stateName(state));
        ps.setString(2, timerId);
        ps.setString(3, stateName(TimerInfo.State.PENDING));
        if (ps.executeUpdate() == 0) return Optional.<TimerInfo>empty();
      }
      TimerInfo finished = timerById(timerId).orElseThrow();
      history.insertEvent(new NewEvent(finished.conversationId(), null, type, eventText, null,
          "{\"timer_id\":" + jsonString(timerId) + "}", nowMillis));
      return Optional.of(finished);
    });
  }

  @Override
  public Optional<TimerInfo> timer(String timerId) {
    return sql.read("read timer " + timerId, () -> timerById(timerId));
  }

  @Override
  public List<TimerInfo> pendingTimers(String conversationId) {
    return sql.read("read pending timers", () -> {
      String where = conversationId == null ? "" : " AND conversation_id = ?";
      try (PreparedStatement ps = sql.prepare("SELECT " + TIMER_COLUMNS
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

  private Optional<TimerInfo> timerById(String timerId) throws SQLException {
    try (PreparedStatement ps = sql.prepare("SELECT " + TIMER_COLUMNS + " FROM timers WHERE id = ?")) {
      ps.setString(1, timerId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(timerAt(rs)) : Optional.empty();
      }
    }
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

  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
