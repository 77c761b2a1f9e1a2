package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.util.List;
import java.util.Optional;

/**
 * Converts lengths, masses, volumes, temperatures, speeds and times.
 * "convert ten miles to kilometers" → "10 miles is about 16.09 kilometers."; also "what is seventy degrees
 * fahrenheit in celsius", "how many cups in a liter", "how many feet is three meters".
 */
final class ConversionSkill implements Skill {
  private static final List<String> PREFIXES = List.of("convert", "what is", "what are", "how much is",
      "how much are", "how many is", "change", "");
  private static final List<String> TO = List.of("in to", "into", "to", "in", "as");
  private static final List<String> HOW_MANY_LINK = List.of("are there in", "are in", "is in",
      "go into", "make up", "makes", "make", "in", "is", "are");

  /** A parsed question: how much of which unit, into which unit. */
  private record Question(double amount, Unit from, Unit to) {}

  /** An amount and the index just after it. */
  private record Amount(double value, int end) {}

  @Override
  public Optional<Reply> answer(Utterance utterance, BrainRequest request) {
    List<String> tokens = utterance.tokens();
    Optional<Question> question = forward(tokens).or(() -> howMany(tokens));
    return question.map(q -> Reply.of(reply(q), Skills.SOURCE));
  }

  /** "[convert|what is] <amount> <unit> (to|in|into|as) <unit>". */
  private static Optional<Question> forward(List<String> tokens) {
    for (String prefix : PREFIXES) {
      int i = startsWith(tokens, 0, prefix);
      if (i < 0) continue;
      Amount amount = amount(tokens, i);
      if (amount == null) continue;
      Optional<Unit.Found> from = Unit.find(tokens, amount.end());
      if (from.isEmpty()) continue;
      int j = amount.end() + from.get().tokens();
      for (String link : TO) {
        int k = startsWith(tokens, j, link);
        if (k < 0) continue;
        Optional<Unit.Found> to = Unit.find(tokens, k);
        if (to.isPresent() && k + to.get().tokens() == tokens.size()) {
          return Optional.of(new Question(amount.value(), from.get().unit(), to.get().unit()));
        }
      }
    }
    return Optional.empty();
  }

  /** "how many <unit> (in|is|are there in|…) <amount> <unit>". */
  private static Optional<Question> howMany(List<String> tokens) {
    int i = startsWith(tokens, 0, "how many");
    if (i < 0) return Optional.empty();
    Optional<Unit.Found> to = Unit.find(tokens, i);
    if (to.isEmpty()) return Optional.empty();
    int j = i + to.get().tokens();
    for (String link : HOW_MANY_LINK) {
      int k = startsWith(tokens, j, link);
      if (k < 0) continue;
      Amount amount = amount(tokens, k);
      if (amount == null) continue;
      Optional<Unit.Found> from = Unit.find(tokens, amount.end());
      if (from.isPresent() && amount.end() + from.get().tokens() == tokens.size()) {
        return Optional.of(new Question(amount.value(), from.get().unit(), to.get().unit()));
      }
    }
    return Optional.empty();
  }

  /** A number ("ten", "minus forty", "2.5"), or "a"/"an"/"one" before a unit ("a liter"), or "half a". */
  private static Amount amount(List<String> tokens, int i) {
    Optional<NumberWords.Match> number = NumberWords.parseSigned(tokens, i);
    if (number.isPresent()) return new Amount(number.get().value(), i + number.get().tokens());
    if (i < tokens.size() && (tokens.get(i).equals("a") || tokens.get(i).equals("an"))) return new Amount(1, i + 1);
    return null;
  }

  private static String reply(Question q) {
    Unit from = q.from();
    Unit to = q.to();
    if (from == Unit.DEGREES && to == Unit.DEGREES) return "Please say which scale, Celsius or Fahrenheit.";
    if (from == Unit.DEGREES) from = to == Unit.CELSIUS ? Unit.FAHRENHEIT : Unit.CELSIUS;
    if (to == Unit.DEGREES) to = from == Unit.CELSIUS ? Unit.FAHRENHEIT : Unit.CELSIUS;
    if (from == Unit.OUNCE && to.kind == Unit.Kind.VOLUME) from = Unit.FLUID_OUNCE;
    if (to == Unit.OUNCE && from.kind == Unit.Kind.VOLUME) to = Unit.FLUID_OUNCE;

    if (from.kind != to.kind) {
      return "I can't convert " + from.name(2) + " to " + to.name(2) + ". They measure different things.";
    }
    if (from.kind == Unit.Kind.TEMPERATURE && from.toBase(q.amount()) < -1e-9) {
      return "That's colder than absolute zero, so I can't convert it.";
    }
    double result = to.fromBase(from.toBase(q.amount()));
    SpokenNumbers.Rounded amount = SpokenNumbers.round(q.amount());
    SpokenNumbers.Rounded rounded = SpokenNumbers.round(result);
    return SpokenNumbers.capitalize(amount.text() + " " + from.name(spokenAs(amount)) + " is "
        + rounded.withAbout() + " " + to.name(spokenAs(rounded)) + ".");
  }

  /** 1 when the number is spoken as exactly "1" (so the unit is singular), else 2. */
  private static double spokenAs(SpokenNumbers.Rounded number) {
    return number.text().equals("1") ? 1 : 2;
  }

  /** The index after {@code phrase} if the tokens have it at {@code at} ("" always matches), or -1. */
  private static int startsWith(List<String> tokens, int at, String phrase) {
    if (phrase.isEmpty()) return at;
    String[] words = phrase.split(" ");
    if (at + words.length > tokens.size()) return -1;
    for (int k = 0; k < words.length; k++) {
      if (!tokens.get(at + k).equals(words[k])) return -1;
    }
    return at + words.length;
  }
}
