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

  /** Why requesting line {@code offset} of {@code chip} failed, and what to do about it. */
  static GpioException lineRequestFailed(String chip, int offset, int lineCount, int errno) {
    String what;
    if (offset < 0 || offset >= lineCount) {
      what = chip + " has no line " + offset + " (it has " + lineCount + "); check the configured line offsets (`gpioinfo` lists them)";
    } else if (errno == EBUSY) {
      what = "line " + offset + " of " + chip + " is in use by another program; see which with `gpioinfo " + chip + "`";
    } else if (errno == EACCES || errno == EPERM) {
      what = "permission denied requesting line " + offset + " of " + chip + "; add the user to the gpio group";
    } else {
      what = "cannot request line " + offset + " of " + chip;
    }
    return new GpioException(what + " (" + name(errno) + ")", errno);
  }

  /** A failed call on a requested line. */
  static GpioException lineCallFailed(String call, String chip, int offset, int errno) {
    return new GpioException(call + " failed on line " + offset + " of " + chip + " (" + name(errno) + ")", errno);
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
