package dev.hearth.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ListStore} on the {@code list_items} table of a {@link SqliteStore}. */
final class SqliteLists implements ListStore {
  private static final String COLUMNS = "id, list, text, done, position, created_at, updated_at";

  private final Sql sql;

  SqliteLists(Sql sql) {
    this.sql = sql;
  }

  @Override
  public List<ListItem> items(String list) {
    checkList(list);
    return sql.read("read the " + list + " list", () -> {
      try (PreparedStatement ps = sql.prepare("SELECT " + COLUMNS
          + " FROM list_items WHERE list = ? ORDER BY position, created_at, id")) {
        ps.setString(1, list);
        List<ListItem> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(itemAt(rs));
        }
        return out;
      }
    });
  }

  @Override
  public List<ListItem> append(String list, List<NewItem> items, long nowMillis) {
    checkList(list);
    return sql.write("add " + items.size() + " item(s) to the " + list + " list", () -> {
      long position = nextPosition(list);
      List<ListItem> added = new ArrayList<>();
      try (PreparedStatement ps = sql.prepare("INSERT INTO list_items (" + COLUMNS + ") VALUES (?, ?, ?, 0, ?, ?, ?)")) {
        for (NewItem item : items) {
          ps.setString(1, item.id());
          ps.setString(2, list);
          ps.setString(3, item.text());
          ps.setLong(4, position);
          ps.setLong(5, nowMillis);
          ps.setLong(6, nowMillis);
          ps.executeUpdate();
          added.add(new ListItem(item.id(), list, item.text(), false, position++, nowMillis, nowMillis));
        }
      }
      return added;
    });
  }

  @Override
  public Optional<ListItem> update(String list, String id, String text, Boolean done, long nowMillis) {
    checkList(list);
    return sql.write("change item " + id + " of the " + list + " list", () -> {
      try (PreparedStatement ps = sql.prepare("UPDATE list_items SET text = coalesce(?, text),"
          + " done = coalesce(?, done), updated_at = ? WHERE list = ? AND id = ?")) {
        ps.setString(1, text);
        if (done == null) ps.setNull(2, java.sql.Types.INTEGER);
        else ps.setInt(2, done ? 1 : 0);
        ps.setLong(3, nowMillis);
        ps.setString(4, list);
        ps.setString(5, id);
        if (ps.executeUpdate() == 0) return Optional.<ListItem>empty();
      }
      return itemById(list, id);
    });
  }

  @Override
  public List<ListItem> delete(String list, List<String> ids) {
    checkList(list);
    return sql.write("remove " + ids.size() + " item(s) from the " + list + " list", () -> {
      List<ListItem> deleted = new ArrayList<>();
      try (PreparedStatement ps = sql.prepare("DELETE FROM list_items WHERE list = ? AND id = ?")) {
        for (String id : ids) {
          Optional<ListItem> item = itemById(list, id);
          if (item.isEmpty()) continue;
          ps.setString(1, list);
          ps.setString(2, id);
          ps.executeUpdate();
          deleted.add(item.get());
        }
      }
      return deleted;
    });
  }

  @Override
  public int clear(String list) {
    checkList(list);
    return sql.write("clear the " + list + " list", () -> {
      try (PreparedStatement ps = sql.prepare("DELETE FROM list_items WHERE list = ?")) {
        ps.setString(1, list);
        return ps.executeUpdate();
      }
    });
  }

  private long nextPosition(String list) throws SQLException {
    try (PreparedStatement ps = sql.prepare("SELECT coalesce(max(position) + 1, 0) FROM list_items WHERE list = ?")) {
      ps.setString(1, list);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private Optional<ListItem> itemById(String list, String id) throws SQLException {
    try (PreparedStatement ps = sql.prepare("SELECT " + COLUMNS + " FROM list_items WHERE list = ? AND id = ?")) {
      ps.setString(1, list);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(itemAt(rs)) : Optional.empty();
      }
    }
  }

  private static ListItem itemAt(ResultSet rs) throws SQLException {
    return new ListItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0, rs.getLong(5),
        rs.getLong(6), rs.getLong(7));
  }

  private static void checkList(String list) {
    if (!ListItem.isList(list)) {
      throw new IllegalArgumentException("no list named '" + list + "'; the lists are shopping and todo");
    }
  }
}
