package dev.hearth.notify;

/** A message could not be given to the service manager; the message says which socket and why. */
public final class NotifyException extends Exception {
  NotifyException(String message) {
    super(message);
  }
}
