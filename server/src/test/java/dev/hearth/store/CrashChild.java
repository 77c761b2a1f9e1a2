package dev.hearth.store;

import java.nio.file.Path;

/**
 * The process {@link StoreCrashTest} kills: appends events to {@code args[0]} forever and prints each event's
 * seq once its transaction has committed.
 */
public final class CrashChild {
  /** Prefix of the line printed after each commit (other lines, such as logs, may appear on stdout too). */
  static final String COMMITTED = "committed ";

  public static void main(String[] args) {
    SqliteStore store = SqliteStore.open(Path.of(args[0]));
    for (long i = 1; ; i++) {
      Event e = store.history().append(new NewEvent("crash", "turn" + i, EventType.USER_TEXT, "event " + i, null,
          "{\"i\":" + i + "}", i));
      System.out.println(COMMITTED + e.seq());
      System.out.flush();
    }
  }
}
