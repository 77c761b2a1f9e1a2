package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.timer.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pairing code: six digits, used once, expiring, and not guessable by trying many. */
class PairingCodesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
  private final PairingCodes codes = new PairingCodes(clock);

  private static String other(String digits) {
    return String.format("%06d", (Integer.parseInt(digits) + 1) % 1_000_000);
  }

  @Test
  void aCodeIsSixDigitsAndWorksOnce() {
    PairingCodes.Code code = codes.issue();
    assertThat(code.digits()).matches("[0-9]{6}");
    assertThat(code.expiresAtMillis()).isEqualTo(clock.millis() + PairingCodes.VALID_MILLIS);

    assertThat(codes.claim(code.digits())).isEqualTo(PairingCodes.Claim.ACCEPTED);
    assertThat(codes.claim(code.digits())).isEqualTo(PairingCodes.Claim.REFUSED);
  }

  @Test
  void aCodeExpiresAfterTenMinutes() {
    PairingCodes.Code code = codes.issue();
    clock.advance(Duration.ofMillis(PairingCodes.VALID_MILLIS));
    assertThat(codes.claim(code.digits())).isEqualTo(PairingCodes.Claim.REFUSED);
  }

  @Test
  void aNewCodeReplacesTheLast() {
    PairingCodes.Code first = codes.issue();
    PairingCodes.Code second = codes.issue();
    if (!first.digits().equals(second.digits())) assertThat(codes.claim(first.digits())).isEqualTo(PairingCodes.Claim.REFUSED);
    assertThat(codes.claim(second.digits())).isEqualTo(PairingCodes.Claim.ACCEPTED);
  }

  @Test
  void withoutAnyCodeEveryClaimIsRefused() {
    assertThat(codes.claim("000000")).isEqualTo(PairingCodes.Claim.REFUSED);
  }

  /** Five wrong codes a minute, then even the right one waits until the minute has passed. */
  @Test
  void guessesAreLimitedToFiveAMinute() {
    PairingCodes.Code code = codes.issue();
    for (int i = 0; i < PairingCodes.WRONG_PER_MINUTE; i++) {
      assertThat(codes.claim(other(code.digits()))).isEqualTo(PairingCodes.Claim.REFUSED);
    }
    assertThat(codes.claim(code.digits())).isEqualTo(PairingCodes.Claim.THROTTLED);
    assertThat(codes.retryAfterMillis()).isEqualTo(60_000);

    clock.advance(Duration.ofSeconds(60));
    assertThat(codes.retryAfterMillis()).isZero();
    assertThat(codes.claim(code.digits())).isEqualTo(PairingCodes.Claim.ACCEPTED);
  }

  /** After ten wrong guesses the code is withdrawn: a guesser's odds stay at ten in a million per code. */
  @Test
  void aCodeGuessedWrongTenTimesIsWithdrawn() {
    PairingCodes.Code code = codes.issue();
    for (int i = 0; i < PairingCodes.WRONG_PER_CODE; i++) {
      if (i > 0 && i % PairingCodes.WRONG_PER_MINUTE == 0) clock.advance(Duration.ofSeconds(60));
      assertThat(codes.claim(other(code.digits()))).isEqualTo(PairingCodes.Claim.REFUSED);
    }
    clock.advance(Duration.ofSeconds(60));
    assertThat(codes.claim(code.digits())).isEqualTo(PairingCodes.Claim.REFUSED);
  }
}
