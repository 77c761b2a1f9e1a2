package dev.hearth.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one pairing code in force: six digits, valid {@link #VALID_MILLIS}, used once. Issuing a new code replaces the
 * last. Guessing is bounded twice: at most {@link #WRONG_PER_MINUTE} wrong codes a minute (then {@link Claim#THROTTLED}),
 * and a code that has been guessed wrong {@link #WRONG_PER_CODE} times is withdrawn, so a guesser's odds are at most
 * 10 in a million per code shown. Thread-safe.
 */
final class PairingCodes {
  static final long VALID_MILLIS = 10 * 60_000;
  static final int WRONG_PER_CODE = 10;
  static final int WRONG_PER_MINUTE = 5;
  private static final long MINUTE_MILLIS = 60_000;

  enum Claim { ACCEPTED, REFUSED, THROTTLED }

  /** A code shown to a person, and when it stops working (epoch milliseconds). */
  record Code(String digits, long expiresAtMillis) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Deque<Long> wrongAtMillis = new ArrayDeque<>();
  private Code current;
  private int wrongForCurrent;

  PairingCodes(Clock clock) {
    this.clock = clock;
  }

  /** A new code, replacing the one in force. */
  synchronized Code issue() {
    current = new Code(String.format("%06d", random.nextInt(1_000_000)), clock.millis() + VALID_MILLIS);
    wrongForCurrent = 0;
    return current;
  }

  /** Tries {@code digits}; an accepted code is used up. */
  synchronized Claim claim(String digits) {
    long now = clock.millis();
    while (!wrongAtMillis.isEmpty() && wrongAtMillis.peekFirst() <= now - MINUTE_MILLIS) wrongAtMillis.removeFirst();
    if (wrongAtMillis.size() >= WRONG_PER_MINUTE) return Claim.THROTTLED;
    if (current != null && now < current.expiresAtMillis()
        && MessageDigest.isEqual(current.digits().getBytes(StandardCharsets.US_ASCII), digits.getBytes(StandardCharsets.US_ASCII))) {
      current = null;
      return Claim.ACCEPTED;
    }
    wrongAtMillis.addLast(now);
    if (current != null && ++wrongForCurrent >= WRONG_PER_CODE) current = null;
    return Claim.REFUSED;
  }

  /** Milliseconds until a throttled claim may be tried again (0 when it may now). */
  synchronized long retryAfterMillis() {
    if (wrongAtMillis.size() < WRONG_PER_MINUTE) return 0;
    return Math.max(0, wrongAtMillis.peekFirst() + MINUTE_MILLIS - clock.millis());
  }
}
