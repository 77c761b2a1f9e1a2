package dev.hearth.protocols.wyoming;

import java.io.IOException;

/** Where a request's answers go: the connection's socket. */
@FunctionalInterface
interface EventSink {
  void send(WyomingEvent event) throws IOException;
}
