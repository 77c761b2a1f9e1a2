package dev.hearth.llm.checkpoint;

/** A model folder cannot be used: a file is missing, malformed, truncated or of an unsupported kind; the message says which and what to do. */
public final class CheckpointException extends RuntimeException {
  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
