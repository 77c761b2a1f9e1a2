package dev.hearth.libc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The C library's functions Hearth calls, as raw as JNA allows: one method per C symbol, named exactly like it
 * (glibc on Linux). {@code size_t} and {@code ssize_t} are {@link NativeLong}, the size of a pointer on Linux.
 */
public interface LibC extends Library {
  int AF_UNIX = 1;
  int SOCK_DGRAM = 2;
  /** Linux's value on x86, x86-64, ARM and AArch64. */
  int SOCK_CLOEXEC = 0x80000;
  /** Linux: no SIGPIPE when the peer is gone. */
  int MSG_NOSIGNAL = 0x4000;

  /** Returns free heap memory to the operating system; {@code pad} bytes are kept. Returns 1 if any was released. */
  int malloc_trim(long pad);

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int connect(int sockfd, byte[] addr, int addrlen) throws LastErrorException;

  NativeLong send(int sockfd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  /** glibc's libc, or null where there is none (musl, macOS): callers then skip what needs it. */
  static LibC load() {
    try {
      return Native.load("c", LibC.class);
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }
}
