package dev.hearth.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** {@link DeviceStore} on the {@code devices} table of a {@link SqliteStore}. */
final class SqliteDevices implements DeviceStore {
  private final Sql sql;

  SqliteDevices(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Device addDevice(String id, String name, String tokenSha256, long nowMillis) {
    return sql.write("pair device " + id, () -> {
      try (PreparedStatement ps = sql.prepare(
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
    return sql.read("list paired devices", () -> {
      List<Device.WithToken> out = new ArrayList<>();
      try (Statement st = sql.statement();
          ResultSet rs = st.executeQuery("SELECT id, name, created_at, token_sha256 FROM devices ORDER BY created_at, id")) {
        while (rs.next()) out.add(new Device.WithToken(new Device(rs.getString(1), rs.getString(2), rs.getLong(3)), rs.getString(4)));
      }
      return out;
    });
  }

  @Override
  public boolean removeDevice(String id) {
    return sql.write("unpair device " + id, () -> {
      try (PreparedStatement ps = sql.prepare("DELETE FROM devices WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }
}
