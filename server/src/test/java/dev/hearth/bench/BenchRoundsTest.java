package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The measured turns run in rounds that end at the memory checkpoints, so memory is sampled while every client is
 * idle. Before, the turn-100 sample was taken while the other clients' turns were still running.
 */
class BenchRoundsTest {
  private static final List<Integer> CHECKPOINTS = List.of(100, 200);

  @Test
  void twoHundredTurnsOnEightClientsEndARoundAtTurnHundred() {
    List<int[]> rounds = BenchCommand.rounds(200, 8, CHECKPOINTS);

    assertThat(rounds).hasSize(2);
    // 100 = 8 × 12 + 4: the first four clients take one more
    assertThat(rounds.get(0)).containsExactly(13, 13, 13, 13, 12, 12, 12, 12);
    assertThat(rounds.get(1)).containsExactly(13, 13, 13, 13, 12, 12, 12, 12);
  }

  @Test
  void turnsPastTheLastCheckpointAreARoundOfTheirOwn() {
    List<int[]> rounds = BenchCommand.rounds(250, 3, CHECKPOINTS);

    assertThat(rounds.stream().map(BenchRoundsTest::sum).toList()).containsExactly(100, 100, 50);
  }

  @Test
  void fewerTurnsThanTheFirstCheckpointAreOneRound() {
    List<int[]> rounds = BenchCommand.rounds(96, 8, CHECKPOINTS);

    assertThat(rounds).hasSize(1);
    assertThat(rounds.get(0)).containsExactly(12, 12, 12, 12, 12, 12, 12, 12);
  }

  @Test
  void moreClientsThanTurnsLeavesSomeIdle() {
    assertThat(BenchCommand.rounds(3, 5, CHECKPOINTS).get(0)).containsExactly(1, 1, 1, 0, 0);
  }

  private static int sum(int[] shares) {
    return Arrays.stream(shares).sum();
  }
}
