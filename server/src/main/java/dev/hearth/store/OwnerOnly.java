package dev.hearth.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps the household's data to the user the server runs as: folders {@code 0700}, files {@code 0600}. Where the file
 * system has no POSIX permissions (Windows), nothing is changed.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** Creates {@code folder} and its missing parents, and makes {@code folder} itself (new or not) {@code 0700}. */
  public static void folder(Path folder) throws IOException {
    Files.createDirectories(folder);
    restrict(folder, FOLDER);
  }

  /** Creates {@code file} empty if it does not exist, and makes it {@code 0600}. */
  public static void file(Path file) throws IOException {
    try {
      if (posix(file)) Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      else Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      // kept, and restricted below
    }
    restrict(file, FILE);
  }

  /** Makes {@code file} {@code 0600} when it exists. */
  public static void fileIfPresent(Path file) throws IOException {
    if (Files.exists(file)) restrict(file, FILE);
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (posix(path) && !Files.getPosixFilePermissions(path).equals(permissions)) Files.setPosixFilePermissions(path, permissions);
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
