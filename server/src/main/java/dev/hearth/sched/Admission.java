package dev.hearth.sched;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How many requests one front end serves at once: up to {@code maxActive}; then up to {@code maxQueued} wait, first come
 * first served, each at most {@code queueTimeoutMillis}; a request beyond the queue, or one that waited too long, is
 * refused with {@link Busy}. Waiting takes no thread: {@link #enter} answers with a future.
 */
public final class Admission {
  private final String frontEnd;
  private final int maxActive;
  private final int maxQueued;
  private final long queueTimeoutMillis;
  private final ScheduledExecutorService timer;
  private final ArrayDeque<CompletableFuture<Permit>> waiting = new ArrayDeque<>();
  private int active;

  /**
   * @param frontEnd the front end's name for error messages, e.g. {@code "the MaryTTS API"}
   * @param timer runs the queue timeouts (briefly)
   */
  public Admission(String frontEnd, int maxActive, int maxQueued, long queueTimeoutMillis, ScheduledExecutorService timer) {
    this.frontEnd = frontEnd;
    this.maxActive = maxActive;
    this.maxQueued = maxQueued;
    this.queueTimeoutMillis = queueTimeoutMillis;
    this.timer = timer;
  }

  /** A permit now or once a request ahead ends; fails with {@link Busy} when the queue is full or the wait too long. */
  public CompletableFuture<Permit> enter() {
    synchronized (this) {
      if (active < maxActive) {
        active++;
        return CompletableFuture.completedFuture(new Permit());
      }
      if (waiting.size() >= maxQueued) {
        return CompletableFuture.failedFuture(busy(frontEnd + " is serving " + active + " requests and " + waiting.size()
            + " more are waiting"));
      }
    }
    CompletableFuture<Permit> turn = new CompletableFuture<>();
    ScheduledFuture<?> timeout = timer.schedule(() -> {
      boolean dropped;
      synchronized (this) {
        dropped = waiting.remove(turn);
      }
      if (dropped) turn.completeExceptionally(busy(frontEnd + " had no free place within " + queueTimeoutMillis + " ms"));
    }, queueTimeoutMillis, TimeUnit.MILLISECONDS);
    turn.whenComplete((p, e) -> timeout.cancel(false));
    synchronized (this) {
      waiting.add(turn);
    }
    release(false);
    return turn;
  }

  /** Requests being served now. */
  public synchronized int active() {
    return active;
  }

  private Busy busy(String why) {
    long seconds = Math.max(1, (queueTimeoutMillis + 999) / 1000);
    return new Busy(why + "; try again in " + seconds + " s", seconds);
  }

  /** Frees a place (when {@code ended}) and hands free places to the requests waiting longest. */
  private void release(boolean ended) {
    while (true) {
      CompletableFuture<Permit> next;
      synchronized (this) {
        if (ended) {
          active--;
          ended = false;
        }
        if (active >= maxActive || waiting.isEmpty()) return;
        next = waiting.poll();
        active++;
      }
      if (!next.complete(new Permit())) release(true); // it timed out or was cancelled meanwhile
    }
  }

  /** A place among the requests served; closing it (once) lets the next one in. */
  public final class Permit implements AutoCloseable {
    private boolean closed;

    private Permit() {}

    @Override
    public void close() {
      synchronized (this) {
        if (closed) return;
        closed = true;
      }
      release(true);
    }
  }
}
