package dev.hearth.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store's one JDBC connection, shared by its tables, and the two ways they use it: a read, or a write that is one
 * transaction. Not thread-safe: its one user is the {@link StoreThread}.
 */
final class Sql {
  /** Statements run against the connection. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  private final Connection conn;

  Sql(Connection conn) {
    this.conn = conn;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    return conn.prepareStatement(sql);
  }

  /** A statement whose generated key (the new row's id) can be read after it runs. */
  PreparedStatement prepareReturningKey(String sql) throws SQLException {
    return conn.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
  }

  Statement statement() throws SQLException {
    return conn.createStatement();
  }

  /** Runs {@code work}; {@code what} names it in the error ("cannot read events of c1: ..."). */
  <T> T read(String what, Work<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
  <T> T write(String what, Work<T> work) {
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

  /** Closes the connection; a WAL checkpoint folds the log back into the main file. */
  void close() throws SQLException {
    conn.close();
  }
}
