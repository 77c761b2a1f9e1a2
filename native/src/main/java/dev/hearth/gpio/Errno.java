package dev.hearth.gpio;

/** The errno values libgpiod reports for the failures a user can fix, with their names and the fix. */
final class Errno {
  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EACCES = 13;
  static final int EBUSY = 16;
  static final int ENODEV = 19;
  static final int EINVAL = 22;
  static final int ENOTTY = 25;

  private Errno() {}

  /** "NAME" for the values above, else "errno N". */
  static String name(int errno) {
    return switch (errno) {
      case EPERM -> "EPERM";
      case ENOENT -> "ENOENT";
      case EACCES -> "EACCES";
      case EBUSY -> "EBUSY";
      case ENODEV -> "ENODEV";
      case EINVAL -> "EINVAL";
      case ENOTTY -> "ENOTTY";
      default -> "errno " + errno;
    };
  }

  /** Why opening the chip at {@code path} failed, and what to do about it. */
  static GpioException chipOpenFailed(String path, int errno) {
    String what = switch (errno) {
      case ENOENT -> "there is no GPIO chip " + path + "; list the chips with `gpiodetect` (package gpiod) and set gpio.chip";
      case EACCES, EPERM -> "permission denied opening " + path + "; add the user to the gpio group "
          + "(sudo usermod -aG gpio USER, then log in again)";
      case ENOTTY, ENODEV, EINVAL -> path + " is not a GPIO character device; list the chips with `gpiodetect`";
      default -> "cannot open GPIO chip " + path;
    };
    return new GpioException(what + " (" + name(errno) + ")", errno);
  }
}
