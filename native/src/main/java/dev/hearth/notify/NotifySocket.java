package dev.hearth.notify;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import dev.hearth.libc.LibC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A connected {@code AF_UNIX} datagram socket to the service manager's notification socket (systemd's
 * {@code $NOTIFY_SOCKET}, see sd_notify(3)): a file path, or an abstract name written with a leading {@code @}.
 * Linux only. {@link #send} may be called from any thread; {@link #close()} is idempotent.
 */
public final class NotifySocket implements AutoCloseable {
  /** {@code sizeof(((struct sockaddr_un *) 0)->sun_path)} on Linux. */
  static final int SUN_PATH_BYTES = 108;
  private static final LibC LIBC = LibC.load();

  private final String address;
  private int fd;

  private NotifySocket(String address, int fd) {
    this.address = address;
    this.fd = fd;
  }

  /** Opens a socket connected to {@code address} ({@code /run/systemd/notify} or {@code @name}). */
  public static NotifySocket connect(String address) throws NotifyException {
    byte[] sockaddr = sockaddr(address);
    if (LIBC == null) throw new NotifyException("no C library to reach " + address + " with (Hearth needs glibc on Linux)");
    int fd;
    try {
      fd = LIBC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw new NotifyException("cannot create a datagram socket for " + address + ": errno " + e.getErrorCode());
    }
    try {
      LIBC.connect(fd, sockaddr, sockaddr.length);
    } catch (LastErrorException e) {
      closeQuietly(fd);
      throw new NotifyException("cannot connect to the notification socket " + address + ": errno " + e.getErrorCode()
          + " (is the service manager still running, and is NOTIFY_SOCKET the one it set?)");
    }
    return new NotifySocket(address, fd);
  }

  /** Sends {@code state}, e.g. {@code READY=1} or {@code WATCHDOG=1} (newline-separated assignments), as one datagram. */
  public synchronized void send(String state) throws NotifyException {
    if (fd < 0) throw new NotifyException("the notification socket " + address + " is closed");
    byte[] bytes = state.getBytes(StandardCharsets.UTF_8);
    try {
      LIBC.send(fd, bytes, new NativeLong(bytes.length), LibC.MSG_NOSIGNAL);
    } catch (LastErrorException e) {
      throw new NotifyException("cannot send '" + state + "' to " + address + ": errno " + e.getErrorCode());
    }
  }

  @Override
  public synchronized void close() {
    if (fd < 0) return;
    closeQuietly(fd);
    fd = -1;
  }

  private static void closeQuietly(int fd) {
    try {
      LIBC.close(fd);
    } catch (LastErrorException e) {
      // nothing was sent through it that close could lose: datagrams are delivered at send
    }
  }

  /** {@code struct sockaddr_un} for {@code address}: the family, then the path (NUL-ended) or the abstract name. */
  static byte[] sockaddr(String address) throws NotifyException {
    boolean abstractName = address.startsWith("@");
    if (!abstractName && !address.startsWith("/")) {
      throw new NotifyException("NOTIFY_SOCKET is '" + address + "'; it must be an absolute path or an abstract name (@name)");
    }
    byte[] path = address.getBytes(StandardCharsets.UTF_8);
    if (abstractName) path[0] = 0;
    int pathBytes = abstractName ? path.length : path.length + 1; // an abstract name has no terminating NUL
    if (pathBytes > SUN_PATH_BYTES) {
      throw new NotifyException("NOTIFY_SOCKET '" + address + "' is longer than a socket address can be (" + SUN_PATH_BYTES + " bytes)");
    }
    ByteBuffer b = ByteBuffer.allocate(2 + pathBytes).order(ByteOrder.nativeOrder());
    b.putShort((short) LibC.AF_UNIX).put(path);
    return b.array();
  }
}
