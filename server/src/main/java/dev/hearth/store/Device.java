package dev.hearth.store;

/** A device paired with this server (a phone, a tablet, a satellite); {@code createdAtMillis} is epoch milliseconds. */
public record Device(String id, String name, long createdAtMillis) {

  /** A device with the SHA-256 (lower-case hex) of its token, as stored; the token itself is never kept. */
  public record WithToken(Device device, String tokenSha256) {}
}
