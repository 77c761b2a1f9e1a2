package dev.hearth.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.timer.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What counts as reaching OpenAI, on a clock the test moves. */
class ConnectivityTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final Connectivity connectivity = new Connectivity(clock);

  private static OpenAiException timeout() {
    return OpenAiException.timeout("waiting for the first words", 4_000);
  }

  private static OpenAiException refused() {
    return new OpenAiException(OpenAiException.Kind.HTTP, 401, "invalid_api_key", "HTTP 401 invalid_api_key");
  }

  /** Regression: one slow chat marked OpenAI unreachable, which hid live mode until the next probe. */
  @Test
  void oneTimeoutLeavesOpenAiReachableAndTwoInARowDoNot() {
    connectivity.succeeded();
    connectivity.failed(timeout());
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.REACHABLE);
    assertThat(connectivity.usable()).isTrue();
    assertThat(connectivity.report()).containsEntry("last_error", "waiting for the first words timed out after 4000 ms");
    connectivity.failed(timeout());
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.UNREACHABLE);
    assertThat(connectivity.usable()).isFalse();
  }

  @Test
  void timeoutsWithAnAnswerBetweenThemNeverAddUp() {
    for (int i = 0; i < 5; i++) {
      connectivity.failed(timeout());
      connectivity.succeeded();
    }
    connectivity.failed(timeout());
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.REACHABLE);
  }

  @Test
  void aFailedConnectionIsUnreachableAtOnce() {
    connectivity.succeeded();
    connectivity.failed(OpenAiException.connection("the chat request", new java.net.ConnectException("Connection refused")));
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.UNREACHABLE);
    assertThat(connectivity.usable()).isFalse();
  }

  /** Regression: with the probe off, a refused key kept OpenAI off until a restart. */
  @Test
  void aRefusedKeyIsTriedAgainAfterAMinuteAndRefusedAgainForAnother() {
    connectivity.failed(refused());
    assertThat(connectivity.keyRefusedRecently()).isTrue();
    assertThat(connectivity.usable()).isFalse();
    clock.advance(Duration.ofSeconds(59));
    assertThat(connectivity.keyRefusedRecently()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(connectivity.keyRefusedRecently()).isFalse();
    assertThat(connectivity.usable()).isTrue();
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.KEY_REJECTED); // what /api/status says until a call

    connectivity.failed(refused()); // the retry was refused too
    assertThat(connectivity.keyRefusedRecently()).isTrue();
    clock.advance(Duration.ofSeconds(60));
    connectivity.succeeded();
    assertThat(connectivity.state()).isEqualTo(Connectivity.State.REACHABLE);
    assertThat(connectivity.keyRefusedRecently()).isFalse();
  }
}
