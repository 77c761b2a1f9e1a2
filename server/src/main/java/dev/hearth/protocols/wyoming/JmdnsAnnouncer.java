package dev.hearth.protocols.wyoming;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces Wyoming ports over multicast DNS with JmDNS, as the Wyoming library does for Home Assistant: the service
 * {@code <name>._wyoming._tcp.local.} with the port and one IPv4 address, and no TXT properties. The responder starts
 * on the first announcement and keeps answering queries until closed. Every failure is a WARN: the services still
 * work when added to Home Assistant by host and port. JmDNS probes the network for a few seconds before a name is
 * taken, so announcing and withdrawing run on a thread of their own and never hold up start-up.
 */
public final class JmdnsAnnouncer implements Announcer {
  /** The service type Home Assistant's Wyoming integration browses for. */
  public static final String SERVICE_TYPE = "_wyoming._tcp.local.";
  private static final Logger log = LoggerFactory.getLogger(JmdnsAnnouncer.class);

  private final InetAddress address;
  private final String hostLabel;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "hearth-zeroconf");
    t.setDaemon(true);
    return t;
  });
  private JmDNS jmdns; // confined to the worker thread
  private boolean closed;

  /**
   * Announces on {@code address}; {@code hostLabel} names the host record it publishes for that address
   * ({@code hostLabel.local.}).
   */
  public JmdnsAnnouncer(InetAddress address, String hostLabel) {
    this.address = address;
    this.hostLabel = hostLabel;
  }

  /**
   * The address to announce for a server bound to {@code host}: that address when it is a specific IPv4 one, else
   * the first LAN IPv4 address among {@code lanAddresses}; empty when there is none (the caller says so).
   */
  public static Optional<InetAddress> addressFor(String host, List<InetAddress> lanAddresses) {
    try {
      InetAddress bound = InetAddress.getByName(host);
      if (!bound.isAnyLocalAddress()) return bound instanceof Inet4Address ? Optional.of(bound) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
    return lanAddresses.stream().filter(a -> a instanceof Inet4Address).findFirst();
  }

  @Override
  public synchronized void announce(String instanceName, int port) {
    if (closed) return;
    worker.execute(() -> register(instanceName, port));
  }

  private void register(String instanceName, int port) {
    try {
      if (jmdns == null) jmdns = JmDNS.create(address, hostLabel);
      jmdns.registerService(ServiceInfo.create(SERVICE_TYPE, instanceName, port, ""));
      log.info("Announced {}.{} on {}:{}", instanceName, SERVICE_TYPE, address.getHostAddress(), port);
    } catch (IOException | RuntimeException e) {
      log.warn("Could not announce {}.{} on {} ({}); add it in Home Assistant by host and port {} instead",
          instanceName, SERVICE_TYPE, address.getHostAddress(), e.toString(), port);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    worker.execute(this::withdraw);
    worker.shutdown();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void withdraw() {
    if (jmdns == null) return;
    long start = System.nanoTime();
    try {
      jmdns.close(); // sends the goodbyes that withdraw every service (about 2 s)
    } catch (IOException | RuntimeException e) {
      log.warn("Could not withdraw the Wyoming announcements: {}", e.toString());
    }
    log.debug("Withdrew the Wyoming announcements in {} ms", (System.nanoTime() - start) / 1_000_000);
  }
}
