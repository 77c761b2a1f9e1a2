package dev.hearth.brain;

/**
 * How much of a conversation the brain sees: at most the last {@code limit} events, with the window's start moving
 * forward in steps of half the limit rather than one event a turn. A prompt's start then stays the same for several
 * turns, so a local model reuses its cached prefix (system prompt and earlier turns) instead of computing the whole
 * history again on every turn once the conversation is longer than the window.
 */
public final class ContextWindow {
  private ContextWindow() {}

  /**
   * How many of a conversation's last {@code total} events to show, given at most {@code limit}: all of them while
   * they fit, else between {@code limit - step + 1} and {@code limit}, where the start is a multiple of {@code step}
   * (half the limit, at least 1).
   */
  public static int length(int total, int limit) {
    if (total < 0 || limit < 0) throw new IllegalArgumentException("negative: " + total + ", " + limit);
    if (total <= limit) return total;
    if (limit == 0) return 0;
    int step = Math.max(1, limit / 2);
    int start = Math.floorDiv(total - limit + step - 1, step) * step;
    return total - start;
  }
}
