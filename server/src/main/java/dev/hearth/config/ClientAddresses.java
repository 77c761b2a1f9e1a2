package dev.hearth.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.IPAddress;

/**
 * An {@code allowed_clients} setting: the client addresses a protocol server answers, as IP addresses and CIDR ranges
 * ({@code 192.168.1.0/24}, {@code fd00::/8}, {@code 192.168.1.40}). Empty allows every client. This machine's
 * loopback is always allowed. Addresses only: names are never looked up.
 */
public final class ClientAddresses {
  private record Range(byte[] network, int prefixBits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) return false;
      int full = prefixBits / 8;
      for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
      int rest = prefixBits % 8;
      if (rest == 0) return true;
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> ranges;

  private ClientAddresses(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** Every client. */
  public static final ClientAddresses ANY = new ClientAddresses(List.of());

  /**
   * Parses the entries of the setting {@code key}.
   *
   * @throws ConfigException naming the entry that is not an address or range
   */
  public static ClientAddresses parse(String key, List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) ranges.add(range(key, entry.strip()));
    return new ClientAddresses(ranges);
  }

  /** Whether a client at {@code address} may connect. */
  public boolean allows(InetAddress address) {
    if (ranges.isEmpty() || address.isLoopbackAddress()) return true;
    byte[] bytes = address.getAddress();
    for (Range r : ranges) if (r.contains(bytes)) return true;
    return false;
  }

  /** Whether a client whose address a server socket reports as {@code remote} (an IP literal, IPv6 bracketed or not) may connect. */
  public boolean allows(String remote) {
    if (ranges.isEmpty()) return true;
    InetAddress address = literal(remote);
    return address != null && allows(address);
  }

  /** {@code text} (an IP literal, IPv6 bracketed or not) as an address, or null when it is not one; never looks anything up. */
  public static InetAddress literal(String text) {
    if (text == null) return null;
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!IPAddress.isValid(bare)) return null;
    try {
      return InetAddress.getByName(bare); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Whether the list is empty (every client allowed). */
  public boolean isAny() {
    return ranges.isEmpty();
  }

  private static Range range(String key, String entry) {
    int slash = entry.indexOf('/');
    String ip = slash < 0 ? entry : entry.substring(0, slash);
    if (!IPAddress.isValid(ip)) throw bad(key, entry);
    byte[] network;
    try {
      network = InetAddress.getByName(ip).getAddress(); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw bad(key, entry);
    }
    int bits = network.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(entry.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw bad(key, entry);
      }
      if (bits < 0 || bits > network.length * 8) throw bad(key, entry);
    }
    return new Range(network, bits);
  }

  private static ConfigException bad(String key, String entry) {
    return new ConfigException(key + ": '" + entry + "' is not an IP address or a CIDR range; write e.g. 192.168.1.40,"
        + " 192.168.1.0/24 or fd00::/8 (names are not accepted)");
  }
}
