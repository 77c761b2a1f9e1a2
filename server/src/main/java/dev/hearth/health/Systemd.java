package dev.hearth.health;

import dev.hearth.notify.NotifyException;
import dev.hearth.notify.NotifySocket;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the service is (sd_notify(3)) when it started Hearth with {@code Type=notify}: {@code READY=1} once
 * turns can be taken, {@code WATCHDOG=1} after each successful watchdog turn, {@code STOPPING=1} on shutdown. Without
 * {@code $NOTIFY_SOCKET} it does nothing. A failed send is logged once and never thrown.
 */
public final class Systemd implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Systemd.class);

  private final Optional<NotifySocket> socket;
  private volatile boolean warned;

  private Systemd(Optional<NotifySocket> socket) {
    this.socket = socket;
  }

  /** Talks to nobody. */
  public static Systemd none() {
    return new Systemd(Optional.empty());
  }

  /** Talks to the socket at {@code address} (a path, or {@code @name} for an abstract one). */
  public static Systemd to(String address) throws NotifyException {
    return new Systemd(Optional.of(NotifySocket.connect(address)));
  }

  /**
   * Talks to {@code NOTIFY_SOCKET} when {@code env} has it; warns when {@code WATCHDOG_USEC} leaves less than two
   * watchdog turns ({@code intervalMillis} apart) per watchdog period, as a wedge would then go unnoticed too late.
   */
  public static Systemd fromEnvironment(Map<String, String> env, long intervalMillis) {
    String address = env.get("NOTIFY_SOCKET");
    if (address == null || address.isEmpty()) return none();
    String usec = env.get("WATCHDOG_USEC");
    if (usec != null && usec.matches("\\d+") && intervalMillis * 2 > Long.parseLong(usec) / 1000) {
      log.warn("watchdog.interval_millis is {} but systemd's WatchdogSec is {} ms: make WatchdogSec at least twice the interval,"
          + " or a single slow turn restarts the service", intervalMillis, Long.parseLong(usec) / 1000);
    }
    try {
      return to(address);
    } catch (NotifyException e) {
      log.warn("Cannot tell systemd how Hearth is: {}", e.getMessage());
      return none();
    }
  }

  /** {@code READY=1}: start-up is done. */
  public void ready() {
    send("READY=1\nSTATUS=Ready");
  }

  /** {@code WATCHDOG=1}: a watchdog turn has just succeeded. */
  public void watchdog() {
    send("WATCHDOG=1");
  }

  /** {@code STOPPING=1}: shutting down. */
  public void stopping() {
    send("STOPPING=1\nSTATUS=Stopping");
  }

  private void send(String state) {
    if (socket.isEmpty()) return;
    try {
      socket.get().send(state);
    } catch (NotifyException e) {
      if (!warned) log.warn("Cannot tell systemd how Hearth is: {}", e.getMessage());
      warned = true;
    }
  }

  @Override
  public void close() {
    socket.ifPresent(NotifySocket::close);
  }
}
