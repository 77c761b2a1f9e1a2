package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The liveness rule alone, on a fake clock: silence for the idle timeout closes, any byte from the client resets it. */
class SocketLivenessTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong();
  private final SocketLiveness liveness = new SocketLiveness(10_000, 20_000, now::get);

  /** A socket whose client's bytes the test sets, recording pings and the close. */
  private static final class FakePeer implements SocketLiveness.Peer {
    long bytesIn;
    long unsentSince;
    int pings;
    final List<String> closes = new ArrayList<>();

    @Override public long bytesIn() { return bytesIn; }
    @Override public long unsentSinceNanos() { return unsentSince; }
    @Override public void ping() { pings++; }
    @Override public void closeSilent(String reason) { closes.add(reason); }
  }

  @Test
  void aPeerThatSendsNothingIsClosedOnceAtTheFirstTickPastTheTimeout() {
    FakePeer peer = new FakePeer();
    liveness.add(peer);
    tickEvery(2, 5); // pinged at 2, 4, 6 and 8 s; closed at 10 s, the timeout
    assertThat(peer.closes).hasSize(1).first().asString().contains("10000 ms").contains("server.idle_timeout_millis");
    assertThat(peer.pings).isEqualTo(4);
    tickEvery(2, 3);
    assertThat(peer.closes).hasSize(1);
    assertThat(peer.pings).isEqualTo(4);
  }

  @Test
  void aPongOrFrameResetsTheTimer() {
    FakePeer peer = new FakePeer();
    liveness.add(peer);
    for (int i = 0; i < 20; i++) { // 40 s, answering every ping
      now.addAndGet(2 * SECOND);
      liveness.tick();
      peer.bytesIn += 6; // the pong
    }
    assertThat(peer.closes).isEmpty();
    assertThat(peer.pings).isEqualTo(20);
  }

  @Test
  void silenceCountsFromTheLastByteHeard() {
    FakePeer peer = new FakePeer();
    liveness.add(peer);
    tickEvery(2, 4); // 8 s silent
    peer.bytesIn = 100; // then a frame
    tickEvery(2, 5); // heard at 10 s; 18 s: 8 s since
    assertThat(peer.closes).isEmpty();
    tickEvery(2, 1); // 20 s: 10 s since
    assertThat(peer.closes).hasSize(1);
  }

  @Test
  void aPeerWhoseBytesAreUnknownIsNeverClosedForSilence() {
    FakePeer peer = new FakePeer();
    peer.bytesIn = -1;
    liveness.add(peer);
    tickEvery(5, 10);
    assertThat(peer.closes).isEmpty();
    assertThat(peer.pings).isEqualTo(10);
  }

  @Test
  void aRemovedPeerIsNeitherPingedNorClosed() {
    FakePeer peer = new FakePeer();
    liveness.add(peer);
    liveness.remove(peer);
    tickEvery(5, 4);
    assertThat(peer.pings).isZero();
    assertThat(peer.closes).isEmpty();
  }

  /** Issue 15: a client that answered pings but never read a long answer was not dropped (10 such clients, 40 s). */
  @Test
  void aPeerThatStopsReadingIsClosedOnceItsOldestUnsentFrameHasWaitedTheWriteTimeout() {
    FakePeer peer = new FakePeer();
    liveness.add(peer);
    now.addAndGet(SECOND);
    peer.unsentSince = now.get(); // an answer queued and never taken
    for (int i = 0; i < 10; i++) { // 20 s of ticks, answering every ping
      now.addAndGet(2 * SECOND);
      peer.bytesIn += 6;
      liveness.tick();
    }
    assertThat(peer.closes).hasSize(1).first().asString().contains("20000 ms").contains("server.write_timeout_millis");
  }

  @Test
  void framesThatAreTakenInTimeKeepThePeerOpen() {
    FakePeer peer = new FakePeer();
    liveness.add(peer);
    for (int i = 0; i < 20; i++) { // 40 s, each tick a newer frame is the oldest unsent
      now.addAndGet(2 * SECOND);
      peer.unsentSince = now.get() - SECOND;
      peer.bytesIn += 6;
      liveness.tick();
    }
    assertThat(peer.closes).isEmpty();
  }

  private void tickEvery(long seconds, int times) {
    for (int i = 0; i < times; i++) {
      now.addAndGet(seconds * SECOND);
      liveness.tick();
    }
  }
}
