package dev.hearth.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 18: the context window's start moves in steps, so a prompt keeps its start (and its cached prefix). */
class ContextWindowTest {

  @Test
  void aConversationThatFitsIsShownWhole() {
    assertThat(ContextWindow.length(0, 12)).isZero();
    assertThat(ContextWindow.length(5, 12)).isEqualTo(5);
    assertThat(ContextWindow.length(12, 12)).isEqualTo(12);
    assertThat(ContextWindow.length(7, 0)).isZero();
  }

  @Test
  void aLongerConversationDropsHalfTheWindowAtATime() {
    assertThat(ContextWindow.length(13, 12)).isEqualTo(7);
    assertThat(ContextWindow.length(18, 12)).isEqualTo(12);
    assertThat(ContextWindow.length(19, 12)).isEqualTo(7);
    assertThat(ContextWindow.length(14, 4)).isEqualTo(4);
    assertThat(ContextWindow.length(15, 4)).isEqualTo(3);
    assertThat(ContextWindow.length(3, 1)).isEqualTo(1);
  }

  /** Over a long conversation: never more than the limit, never less than half, and each start held for a while. */
  @Test
  void theStartMovesOnlyEveryHalfWindowAndTheWindowStaysAtLeastHalfFull() {
    for (int limit : new int[] {1, 2, 3, 4, 5, 12, 13, 40}) {
      int step = Math.max(1, limit / 2);
      List<Integer> starts = new ArrayList<>();
      for (int total = 0; total <= 300; total++) {
        int length = ContextWindow.length(total, limit);
        assertThat(length).as("limit %d, total %d", limit, total).isBetween(Math.min(total, limit - step + 1), limit);
        int start = total - length;
        assertThat(start % step).as("limit %d, total %d: start %d", limit, total, start).isZero();
        if (starts.isEmpty() || starts.get(starts.size() - 1) != start) starts.add(start);
      }
      for (int i = 1; i < starts.size(); i++) {
        assertThat(starts.get(i) - starts.get(i - 1)).as("limit %d", limit).isEqualTo(step);
      }
    }
  }

  @Test
  void negativeCountsAreRefused() {
    assertThatThrownBy(() -> ContextWindow.length(-1, 12)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContextWindow.length(3, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
