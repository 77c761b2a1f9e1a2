package dev.hearth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every event a killed process saw committed is still there, and the file is sound. */
class StoreCrashTest {
  /** Committed events to wait for before the kill; the child keeps writing while it dies. */
  private static final int COMMITS_BEFORE_KILL = 300;

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void eventsCommittedBeforeSigkillSurviveAndTheDatabaseIsIntact() throws Exception {
    Path dbFile = dir.resolve("StoreCrashTest.db");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), dbFile.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();

    long lastReported = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (lastReported < COMMITS_BEFORE_KILL && (line = out.readLine()) != null) {
        if (!line.startsWith(CrashChild.COMMITTED)) continue;
        long seq = Long.parseLong(line.substring(CrashChild.COMMITTED.length()).strip());
        assertThat(seq).isEqualTo(lastReported + 1);
        lastReported = seq;
      }
      // SIGKILL on Unix: no shutdown hooks, no close; unlike Process.destroyForcibly it leaves our pipe open
      child.toHandle().destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      while ((line = out.readLine()) != null) { // commits reported between our last read and the kill
        if (line.equals(CrashChild.COMMITTED + (lastReported + 1))) {
          lastReported++; // a line cut short by the kill does not count
        }
      }
    }
    assertThat(lastReported).as("the child's commits before the kill").isGreaterThanOrEqualTo(COMMITS_BEFORE_KILL);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    try (SqliteStore store = SqliteStore.open(dbFile)) {
      var events = store.history().events("crash");
      assertThat(events.size()).isGreaterThanOrEqualTo((int) lastReported);
      for (int i = 0; i < events.size(); i++) {
        assertThat(events.get(i).seq()).isEqualTo(i + 1);
        assertThat(events.get(i).text()).isEqualTo("event " + (i + 1));
      }
      assertThat(store.history().conversation("crash").orElseThrow().eventCount()).isEqualTo(events.size());
    }
  }
}
