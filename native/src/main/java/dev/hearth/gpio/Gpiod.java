package dev.hearth.gpio;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * The system's libgpiod, whichever of its two incompatible APIs it has: v1 (1.5 and 1.6, soname
 * {@code libgpiod.so.2}; Raspberry Pi OS bookworm) or v2 (2.x, {@code libgpiod.so.3}; trixie). Which one is probed
 * at load ({@code gpiod_api_version} exists only in v2, {@code gpiod_version_string} only in v1), and a library of
 * neither kind, or of a version the bindings were not written for, is refused with what was found.
 */
public final class Gpiod {
  /** Which C API the loaded library has. */
  public enum Api { V1, V2 }

  /** Sonames tried, newest API first, when no library is named. */
  static final List<String> SYSTEM_LIBRARIES = List.of("libgpiod.so.3", "libgpiod.so.2");

  private final Api api;
  private final String version;
  private final String library;
  private final LibGpiodV1 v1;
  private final LibGpiodV2 v2;

  private Gpiod(Api api, String version, String library, LibGpiodV1 v1, LibGpiodV2 v2) {
    this.api = api;
    this.version = version;
    this.library = library;
    this.v1 = v1;
    this.v2 = v2;
  }

  /** Loads the system's libgpiod (v2 if installed, else v1). */
  public static Gpiod load() throws GpioException {
    List<String> tried = new ArrayList<>();
    for (String name : SYSTEM_LIBRARIES) {
      NativeLibrary lib;
      try {
        lib = NativeLibrary.getInstance(name);
      } catch (UnsatisfiedLinkError e) {
        tried.add(name);
        continue;
      }
      return probe(lib, name);
    }
    throw new GpioException("libgpiod is not installed (looked for " + String.join(", ", tried)
        + "); install it with `sudo apt-get install libgpiod2` (bookworm) or `libgpiod3` (trixie)");
  }

  /** Loads the libgpiod at {@code library}, a file path or a library name. */
  public static Gpiod load(String library) throws GpioException {
    NativeLibrary lib;
    try {
      lib = NativeLibrary.getInstance(library);
    } catch (UnsatisfiedLinkError e) {
      throw new GpioException("cannot load libgpiod from " + library + ": " + e.getMessage());
    }
    return probe(lib, library);
  }

  private static Gpiod probe(NativeLibrary lib, String name) throws GpioException {
    String file = lib.getFile() != null ? lib.getFile().getPath() : name;
    Function apiVersion = find(lib, "gpiod_api_version");
    if (apiVersion != null) {
      String version = apiVersion.invokeString(new Object[0], false);
      if (!version.startsWith("2.")) {
        throw new GpioException(file + " reports libgpiod " + version + "; Hearth supports the v1 API (1.5, 1.6) and the v2 API (2.x)");
      }
      return new Gpiod(Api.V2, version, file, null, Native.load(file, LibGpiodV2.class));
    }
    Function versionString = find(lib, "gpiod_version_string");
    if (versionString == null) {
      throw new GpioException(file + " is not libgpiod: it has neither gpiod_api_version (v2) nor gpiod_version_string (v1)");
    }
    String version = versionString.invokeString(new Object[0], false);
    if (!(version.startsWith("1.5") || version.startsWith("1.6"))) {
      throw new GpioException(file + " reports libgpiod " + version + "; Hearth supports the v1 API (1.5, 1.6) and the v2 API (2.x)");
    }
    return new Gpiod(Api.V1, version, file, Native.load(file, LibGpiodV1.class), null);
  }

  private static Function find(NativeLibrary lib, String symbol) {
    try {
      return lib.getFunction(symbol);
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }

  public Api api() {
    return api;
  }

  /** The library's own version string, e.g. {@code 1.6.3} or {@code 2.2.1}. */
  public String version() {
    return version;
  }

  /** The file the library was loaded from. */
  public String library() {
    return library;
  }

  /** Opens the chip at {@code path} (e.g. {@code /dev/gpiochip0}), with an error that says what to try. */
  public GpioChip openChip(String path) throws GpioException {
    return api == Api.V2 ? ChipV2.open(v2, path) : ChipV1.open(v1, path);
  }

  @Override
  public String toString() {
    return "libgpiod " + version + " (" + api + " API, " + library + ")";
  }
}
