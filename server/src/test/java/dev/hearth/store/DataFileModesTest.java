package dev.hearth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The household's history is readable by the server's own user only. */
class DataFileModesTest {

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /**
   * Issue 15: hearth.db and its WAL files were world-readable (0644), and the data folder 0755: any user of the machine
   * could read the whole history. The folder is now 0700 and the database, -wal and -shm 0600.
   */
  @Test
  void issue15TheDataFolderAndTheDatabaseWithItsWalFilesAreOwnerOnly(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path db = data.resolve("hearth.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      store.history().createConversation("c1", "private", 1L); // the write makes SQLite create -wal and -shm
      assertThat(Files.exists(Path.of(db + "-wal"))).isTrue();
      assertThat(mode(data)).isEqualTo("rwx------");
      for (Path file : new Path[] {db, Path.of(db + "-wal"), Path.of(db + "-shm")}) {
        assertThat(mode(file)).as(file.getFileName().toString()).isEqualTo("rw-------");
      }
    }
  }

  /** A database made by an older Hearth (0644 in a 0755 folder) is closed to others when opened. */
  @Test
  void anExistingWorldReadableDatabaseIsRestricted(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path db = data.resolve("hearth.db");
    SqliteStore.open(db).close();
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

    SqliteStore.open(db).close();

    assertThat(mode(data)).isEqualTo("rwx------");
    assertThat(mode(db)).isEqualTo("rw-------");
  }

  @Test
  void pairedDevicesAreKeptByTheirTokensHashAcrossARestart(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("hearth.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      store.devices().addDevice("d1", "Kitchen tablet", "ab".repeat(32), 5L);
      store.devices().addDevice("d2", "Phone", "cd".repeat(32), 6L);
      assertThat(store.devices().removeDevice("d2")).isTrue();
      assertThat(store.devices().removeDevice("d2")).isFalse();
    }
    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.devices().devices()).containsExactly(new Device.WithToken(new Device("d1", "Kitchen tablet", 5L), "ab".repeat(32)));
    }
  }
}
