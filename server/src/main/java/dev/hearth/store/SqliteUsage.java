package dev.hearth.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@link UsageStore} on the {@code usage} table of a {@link SqliteStore}. */
final class SqliteUsage implements UsageStore {
  private final Sql sql;

  SqliteUsage(Sql sql) {
    this.sql = sql;
  }

  @Override
  public long addUsage(String day, String kind, long amount) {
    return sql.write("record usage of " + kind, () -> {
      // a refund (negative amount) never takes a total below zero
      try (PreparedStatement ps = sql.prepare("INSERT INTO usage (day, kind, amount) VALUES (?, ?, max(0, ?)) "
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
    return sql.read("read usage of " + kind, () -> usageOf(day, kind));
  }

  private long usageOf(String day, String kind) throws SQLException {
    try (PreparedStatement ps = sql.prepare("SELECT amount FROM usage WHERE day = ? AND kind = ?")) {
      ps.setString(1, day);
      ps.setString(2, kind);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
