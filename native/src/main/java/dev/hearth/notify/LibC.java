package dev.hearth.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;

/**
 * The libc socket calls a datagram needs, as raw as JNA allows: one method per C symbol, named exactly like it.
 * {@code size_t} and {@code ssize_t} are {@link NativeLong} (the size of a pointer on Linux, 32- and 64-bit).
 * Only {@link NotifySocket} calls it.
 */
interface LibC extends Library {
  int AF_UNIX = 1;
  int SOCK_DGRAM = 2;
  /** Linux's value on x86, x86-64, ARM and AArch64. */
  int SOCK_CLOEXEC = 0x80000;
  /** Linux: no SIGPIPE when the peer is gone. */
  int MSG_NOSIGNAL = 0x4000;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int connect(int sockfd, byte[] addr, int addrlen) throws LastErrorException;

  NativeLong send(int sockfd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;
}
