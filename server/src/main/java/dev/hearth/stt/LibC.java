package dev.hearth.stt;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The one libc function Hearth calls, named exactly as the C symbol (glibc only). */
interface LibC extends Library {

  /** Returns free heap memory to the operating system; {@code pad} bytes are kept. Returns 1 if any was released. */
  int malloc_trim(long pad);

  /** glibc's libc, or null where there is none (musl, macOS): trimming is then skipped. */
  static LibC load() {
    try {
      return Native.load("c", LibC.class);
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }
}
