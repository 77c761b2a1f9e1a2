package dev.hearth.llm.hub;

/** Hears how a pull advances. Called on the pulling thread. */
public interface PullProgress {
  /** A file starts (or resumes): {@code totalBytes} in all, {@code doneBytes} already on disk. */
  void start(String path, long totalBytes, long doneBytes);

  /** {@code bytes} more of the current file arrived. */
  void advance(long bytes);

  /** The current file is complete and verified. */
  void finish(String path);

  /** A message between files (resuming, skipping, retrying). */
  void note(String message);

  PullProgress NONE = new PullProgress() {
    @Override public void start(String path, long totalBytes, long doneBytes) {}
    @Override public void advance(long bytes) {}
    @Override public void finish(String path) {}
    @Override public void note(String message) {}
  };
}
