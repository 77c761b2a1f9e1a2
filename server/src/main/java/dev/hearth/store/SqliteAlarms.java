package dev.hearth.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link AlarmStore} on the {@code alarms} table of a {@link SqliteStore}. */
final class SqliteAlarms implements AlarmStore {
  private static final String COLUMNS = "id, conversation_id, label, local_time, due_at, created_at, state";

  private final Sql sql;

  SqliteAlarms(Sql sql) {
    this.sql = sql;
  }

  @Override
  public AlarmInfo addAlarm(AlarmInfo alarm) {
    return sql.write("add alarm " + alarm.id(), () -> {
      try (PreparedStatement ps = sql.prepare("INSERT INTO alarms (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, alarm.id());
        ps.setString(2, alarm.conversationId());
        ps.setString(3, alarm.label());
        ps.setString(4, alarm.localTime());
        ps.setLong(5, alarm.dueAtMillis());
        ps.setLong(6, alarm.createdAtMillis());
        ps.setString(7, name(AlarmInfo.State.PENDING));
        ps.executeUpdate();
      }
      return new AlarmInfo(alarm.id(), alarm.conversationId(), alarm.label(), alarm.localTime(), alarm.dueAtMillis(),
          alarm.createdAtMillis(), AlarmInfo.State.PENDING);
    });
  }

  @Override
  public Optional<AlarmInfo> finishAlarm(String alarmId, AlarmInfo.State state) {
    if (state == AlarmInfo.State.PENDING) throw new IllegalArgumentException("an alarm cannot be finished as pending");
    return sql.write("finish alarm " + alarmId, () -> {
      try (PreparedStatement ps = sql.prepare("UPDATE alarms SET state = ? WHERE id = ? AND state = ?")) {
        ps.setString(1, name(state));
        ps.setString(2, alarmId);
        ps.setString(3, name(AlarmInfo.State.PENDING));
        if (ps.executeUpdate() == 0) return Optional.<AlarmInfo>empty();
      }
      try (PreparedStatement ps = sql.prepare("SELECT " + COLUMNS + " FROM alarms WHERE id = ?")) {
        ps.setString(1, alarmId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(alarmAt(rs)) : Optional.<AlarmInfo>empty();
        }
      }
    });
  }

  @Override
  public List<AlarmInfo> pendingAlarms() {
    return sql.read("read pending alarms", () -> {
      try (PreparedStatement ps = sql.prepare("SELECT " + COLUMNS + " FROM alarms WHERE state = ? ORDER BY due_at, id")) {
        ps.setString(1, name(AlarmInfo.State.PENDING));
        List<AlarmInfo> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(alarmAt(rs));
        }
        return out;
      }
    });
  }

  private static AlarmInfo alarmAt(ResultSet rs) throws SQLException {
    return new AlarmInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
        rs.getLong(6), AlarmInfo.State.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)));
  }

  private static String name(AlarmInfo.State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
