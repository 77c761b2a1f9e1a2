package dev.hearth.tls;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.util.IPAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names this machine answers to: {@code localhost}, the loopback addresses, its host name and
 * {@code hostname.local}, its LAN addresses and any configured extra names. Hearth's own certificate covers
 * exactly these, and a browser page from any of them may use the server.
 */
public final class ServerNames {
  private static final Logger log = LoggerFactory.getLogger(ServerNames.class);
  /** Interfaces a phone on the LAN cannot reach: containers' and VMs' bridges. */
  private static final List<String> BRIDGE_PREFIXES = List.of("docker", "veth", "br-", "virbr", "cni", "flannel");

  private final String hostname;
  private final Set<String> dnsNames;
  private final Set<InetAddress> addresses;
  private final List<InetAddress> lanAddresses;

  private ServerNames(String hostname, Set<String> dnsNames, Set<InetAddress> addresses, List<InetAddress> lanAddresses) {
    this.hostname = hostname;
    this.dnsNames = Collections.unmodifiableSet(dnsNames);
    this.addresses = Collections.unmodifiableSet(addresses);
    this.lanAddresses = List.copyOf(lanAddresses);
  }

  /** This machine's names: its host name, and the addresses of its up, non-loopback, non-virtual interfaces. */
  public static ServerNames detect(List<String> extraNames) {
    return of(localHostname(), interfaceAddresses(), extraNames);
  }

  /**
   * Fixed names (tests): {@code localhost} and the loopback addresses, {@code hostname} and
   * {@code hostname.local} (unless it is {@code localhost}), the LAN addresses, and {@code extraNames} (host names or
   * IP literals; never looked up).
   */
  public static ServerNames of(String hostname, List<InetAddress> lanAddresses, List<String> extraNames) {
    String shortName = shortName(hostname);
    Set<String> dns = new LinkedHashSet<>();
    dns.add("localhost");
    if (!shortName.equals("localhost") && !shortName.isEmpty()) {
      dns.add(shortName);
      dns.add(shortName + ".local");
    }
    Set<InetAddress> ips = new LinkedHashSet<>();
    ips.add(literal("127.0.0.1"));
    ips.add(literal("::1"));
    ips.addAll(lanAddresses);
    for (String name : extraNames) {
      if (IPAddress.isValid(name)) ips.add(literal(name));
      else dns.add(normalize(name));
    }
    return new ServerNames(shortName, dns, ips, lanAddresses);
  }

  /** The machine's short host name ({@code raspberrypi}), or {@code localhost} when it has none. */
  public String hostname() {
    return hostname;
  }

  /** The DNS names, lower case: {@code localhost}, the host name, {@code hostname.local}, extra names. */
  public Set<String> dnsNames() {
    return dnsNames;
  }

  /** The IP addresses: loopback, LAN and extra. */
  public Set<InetAddress> addresses() {
    return addresses;
  }

  /** The LAN addresses found on the interfaces (what another device would open), IPv4 first. */
  public List<InetAddress> lanAddresses() {
    return lanAddresses;
  }

  /**
   * The name to send a browser to when the one it used cannot be trusted: the first LAN address (every device can open
   * it, where {@code .local} names need mDNS), else {@code hostname.local}, else {@code localhost}; as a URL host.
   */
  public String preferredHost() {
    if (!lanAddresses.isEmpty()) return urlHost(lanAddresses.get(0));
    return hostname.equals("localhost") ? "localhost" : hostname + ".local";
  }

  /**
   * Whether {@code host}, as written in a URL or Host header (case-insensitive, IPv6 in brackets or not, a trailing
   * dot allowed), is one of these names. Never looks anything up.
   */
  public boolean contains(String host) {
    if (host == null || host.isEmpty()) return false;
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (IPAddress.isValid(bare)) return addresses.contains(literal(bare));
    return dnsNames.contains(normalize(bare));
  }

  /** How {@code address} is written as a URL host: IPv6 in brackets, in its short form ({@code [fd00::20]}), no zone. */
  public static String urlHost(InetAddress address) {
    return address instanceof Inet6Address ? "[" + shortIpv6(address.getAddress()) + "]" : address.getHostAddress();
  }

  /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
  private static String shortIpv6(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') text.append(':');
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  /** An IP literal as an address, without any lookup. */
  static InetAddress literal(String ip) {
    if (!IPAddress.isValid(ip)) throw new IllegalArgumentException("not an IP address: " + ip);
    try {
      return InetAddress.getByName(ip); // a literal is parsed, not resolved
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + ip, e);
    }
  }

  private static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static String shortName(String hostname) {
    String lower = normalize(hostname.strip());
    if (IPAddress.isValid(lower)) return "localhost";
    int dot = lower.indexOf('.');
    return dot > 0 ? lower.substring(0, dot) : lower;
  }

  /**
   * The kernel's host name, read without any lookup (start-up makes no network calls); elsewhere than Linux,
   * the JDK's, which may consult the resolver.
   */
  private static String localHostname() {
    for (String file : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
      try {
        String name = Files.readString(Path.of(file)).strip();
        if (!name.isEmpty()) return name;
      } catch (IOException | RuntimeException e) {
        // not Linux, or not readable: try the next source
      }
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      log.warn("Cannot tell this machine's host name ({}); the certificate covers localhost and the addresses only",
          e.getMessage());
      return "localhost";
    }
  }

  /**
   * Addresses of the interfaces that are up, not loopback, not virtual and not a container bridge. Link-local
   * addresses are left out: a browser cannot open an IPv6 one without its zone, and the IPv4 ones are a last resort
   * that changes on every reconnect.
   */
  private static List<InetAddress> interfaceAddresses() {
    List<InetAddress> v4 = new ArrayList<>();
    List<InetAddress> v6 = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback() || nic.isVirtual() || isBridge(nic.getName())) continue;
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) continue;
          InetAddress plain = InetAddress.getByAddress(a.getAddress()); // drop the scope
          if (a instanceof Inet6Address) v6.add(plain);
          else v4.add(plain);
        }
      }
    } catch (SocketException | UnknownHostException e) {
      log.warn("Cannot list the network interfaces ({}); the certificate covers localhost only", e.getMessage());
    }
    List<InetAddress> all = new ArrayList<>(v4);
    all.addAll(v6);
    return all;
  }

  private static boolean isBridge(String name) {
    for (String prefix : BRIDGE_PREFIXES) if (name.startsWith(prefix)) return true;
    return false;
  }

  @Override
  public String toString() {
    List<String> all = new ArrayList<>(dnsNames);
    for (InetAddress a : addresses) all.add(urlHost(a));
    return String.join(", ", all);
  }
}
