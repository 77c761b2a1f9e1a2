package dev.hearth.web;

import dev.hearth.config.ClientAddresses;
import io.javalin.http.Context;
import java.net.InetAddress;

/** The address a request came from, as the socket tells it (never a header a client could write). */
final class ClientAddress {
  private ClientAddress() {}

  /** The request's client address, or null when unknown. */
  static InetAddress of(Context ctx) {
    return of(ctx.req().getRemoteAddr());
  }

  /** {@code remote} (an IP literal, IPv6 bracketed or not) as an address, or null when it is not one. */
  static InetAddress of(String remote) {
    return ClientAddresses.literal(remote);
  }

  /** Whether the request came from this machine's loopback (127.0.0.0/8, ::1). */
  static boolean isLoopback(Context ctx) {
    InetAddress address = of(ctx);
    return address != null && address.isLoopbackAddress();
  }
}
