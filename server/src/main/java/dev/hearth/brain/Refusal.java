package dev.hearth.brain;

/**
 * Why a paid provider refused a turn it would otherwise have been asked (a rate or the day's budget): {@code code}
 * ({@code rate_limited} or {@code budget_exceeded}), a sentence for people, and in how many seconds asking again may
 * succeed. The offline fallback says it instead of "I can't answer that offline", since the server is online.
 */
public record Refusal(String code, String sentence, long retryAfterSeconds) {
  public static final String RATE_LIMITED = "rate_limited";
  public static final String BUDGET_EXCEEDED = "budget_exceeded";
}
