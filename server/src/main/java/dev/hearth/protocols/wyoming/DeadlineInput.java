package dev.hearth.protocols.wyoming;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A socket's input with two clocks: between events a read waits at most the idle time, which does not run while the
 * connection is answering an event (a long answer is not the client's silence); once an event's first byte has come,
 * the whole event must arrive within the event deadline, however the bytes trickle in. A plain socket timeout cannot
 * do that: each byte starts it again, so one byte every 30 s held a connection for good. Put it under the buffering,
 * so every socket read sets its own timeout. Confined to the connection's thread.
 */
final class DeadlineInput extends FilterInputStream {
  /** Thrown when an event is still incomplete at its deadline. */
  static final class EventDeadlineException extends SocketTimeoutException {
    EventDeadlineException(String message) {
      super(message);
    }
  }

  private final Socket socket;
  private final int idleMillis;
  private final long eventDeadlineMillis;
  private final BooleanSupplier answering;
  /** When the event being read must be complete (System.nanoTime), or 0 between events. */
  private long deadlineNanos;

  /** @param answering whether the connection is answering an event, so the idle time does not run */
  DeadlineInput(Socket socket, int idleMillis, long eventDeadlineMillis, BooleanSupplier answering) throws IOException {
    super(socket.getInputStream());
    this.socket = socket;
    this.idleMillis = idleMillis;
    this.eventDeadlineMillis = eventDeadlineMillis;
    this.answering = answering;
  }

  /** An event has been read in full: the next read waits for the next one with the idle time. */
  void betweenEvents() {
    deadlineNanos = 0;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (deadlineNanos == 0) {
      socket.setSoTimeout(idleMillis);
      while (true) {
        try {
          int n = super.read(b, off, len);
          if (n > 0) deadlineNanos = System.nanoTime() + eventDeadlineMillis * 1_000_000;
          return n;
        } catch (SocketTimeoutException e) {
          if (!answering.getAsBoolean()) throw e; // else the client waits for its answer: wait on
        }
      }
    }
    long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (leftMillis <= 0) throw overdue();
    socket.setSoTimeout((int) Math.min(leftMillis, Integer.MAX_VALUE));
    try {
      return super.read(b, off, len);
    } catch (SocketTimeoutException e) {
      throw overdue();
    }
  }

  private EventDeadlineException overdue() {
    return new EventDeadlineException("An event did not arrive in full within " + eventDeadlineMillis
        + " ms of its first byte (wyoming.event_deadline_millis); send each event at once");
  }
}
