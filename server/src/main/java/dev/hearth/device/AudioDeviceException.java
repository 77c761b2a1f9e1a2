package dev.hearth.device;

/** A capture or playback device cannot be used; the message names it and what to try. */
public final class AudioDeviceException extends Exception {
  public AudioDeviceException(String message, Throwable cause) {
    super(message, cause);
  }

  public AudioDeviceException(String message) {
    super(message);
  }
}
