package dev.hearth.protocols.openaiapi;

/**
 * Token counts for the {@code usage} fields, which OpenAI's clients expect and Hearth cannot count exactly: its
 * responders (skills, the local model, OpenAI) do not share one tokenizer. An estimate of one token per four
 * characters, OpenAI's own rule of thumb for English, rounded up.
 */
final class Tokens {
  private Tokens() {}

  static long estimate(String text) {
    return (text.length() + 3) / 4;
  }
}
