package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.util.List;
import java.util.Optional;

/**
 * Works out spoken or typed arithmetic with the usual precedence: plus, minus, times, divided by, over, x,
 * squared, cubed, to the power of, square root of, percent of, and brackets when typed.
 * "what is twelve times seven" → "Twelve times seven is 84."
 *
 * <p>The whole utterance, after an optional "what is", "how much is" or "calculate", must be an expression
 * with at least one operator; otherwise the skill declines ("what is the capital of france").
 */
final class ArithmeticSkill implements Skill {
  private static final List<String> PREFIXES = List.of("what is", "what are", "how much is", "how much are",
      "calculate", "compute", "work out", "solve", "evaluate", "what does", "what do", "tell me");
  private static final List<String> SUFFIXES = List.of("equals", "equal", "make", "makes");

  @Override
  public Optional<Reply> answer(Utterance utterance, BrainRequest request) {
    List<String> tokens = utterance.tokens();
    int from = phraseLength(tokens, PREFIXES, true);
    int to = tokens.size() - phraseLength(tokens.subList(from, tokens.size()), SUFFIXES, false);
    List<String> expression = tokens.subList(from, to);
    if (expression.isEmpty()) return Optional.empty();

    Parser parser = new Parser(expression);
    double value;
    try {
      value = parser.parseAll();
    } catch (NotArithmetic e) {
      return Optional.empty();
    } catch (MathProblem e) {
      return Skill.say(e.getMessage());
    }
    if (parser.operators == 0) return Optional.empty();
    String said = SpokenNumbers.capitalize(String.join(" ", expression).replace("( ", "(").replace(" )", ")"));
    return Skill.say(said + " is " + SpokenNumbers.round(value).withAbout() + ".");
  }

  /** How many tokens the first phrase of {@code phrases} found at the start (or end) of tokens takes, or 0. */
  private static int phraseLength(List<String> tokens, List<String> phrases, boolean atStart) {
    for (String phrase : phrases) {
      List<String> words = List.of(phrase.split(" "));
      if (words.size() >= tokens.size()) continue;
      List<String> part = atStart ? tokens.subList(0, words.size())
          : tokens.subList(tokens.size() - words.size(), tokens.size());
      if (part.equals(words)) return words.size();
    }
    return 0;
  }

  /** The utterance is not an arithmetic expression; another skill may take it. */
  private static final class NotArithmetic extends RuntimeException {
    NotArithmetic() {
      super(null, null, false, false);
    }
  }

  /** The expression is understood but has no answer; the message is what to say. */
  private static final class MathProblem extends RuntimeException {
    MathProblem(String spoken) {
      super(spoken, null, false, false);
    }
  }

  /** Recursive descent: sum → product → signed → power → primary; evaluates as it goes. */
  private static final class Parser {
    private final List<String> tokens;
    private int at;
    int operators;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    double parseAll() {
      double value = sum();
      if (at != tokens.size()) throw new NotArithmetic();
      return value;
    }

    private double sum() {
      double value = product();
      while (true) {
        if (accept("plus")) {
          value += product();
        } else if (accept("minus")) {
          value -= product();
        } else {
          return value;
        }
        operators++;
      }
    }

    private double product() {
      double value = signed();
      while (true) {
        if (accept("times") || accept("x") || accept("multiplied", "by")) {
          value *= signed();
        } else if (accept("divided", "by") || accept("over")) {
          double divisor = signed();
          if (divisor == 0) throw new MathProblem("You can't divide by zero. Any other sum I can help with?");
          value /= divisor;
        } else if (accept("percent", "of")) {
          value = value / 100 * signed();
        } else {
          return value;
        }
        operators++;
        checkFinite(value);
      }
    }

    private double signed() {
      if (accept("minus") || accept("negative")) return -signed();
      return power();
    }

    private double power() {
      double value = primary();
      while (true) {
        if (accept("squared")) {
          value = value * value;
        } else if (accept("cubed")) {
          value = value * value * value;
        } else if (accept("to", "the", "power", "of")) {
          value = Math.pow(value, signed());
        } else {
          return value;
        }
        operators++;
        checkFinite(value);
      }
    }

    private double primary() {
      if (accept("the", "square", "root", "of") || accept("square", "root", "of")) {
        operators++;
        double value = signed();
        if (value < 0) throw new MathProblem("I can't take the square root of a negative number.");
        return Math.sqrt(value);
      }
      if (accept("the", "cube", "root", "of") || accept("cube", "root", "of")) {
        operators++;
        return Math.cbrt(signed());
      }
      if (accept("(")) {
        double value = sum();
        if (!accept(")")) throw new NotArithmetic();
        return value;
      }
      Optional<NumberWords.Match> number = NumberWords.parse(tokens, at);
      if (number.isEmpty()) throw new NotArithmetic();
      at += number.get().tokens();
      return number.get().value();
    }

    private boolean accept(String... words) {
      if (at + words.length > tokens.size()) return false;
      for (int i = 0; i < words.length; i++) {
        if (!tokens.get(at + i).equals(words[i])) return false;
      }
      at += words.length;
      return true;
    }

    private static void checkFinite(double value) {
      if (Double.isNaN(value)) throw new MathProblem("That doesn't have a real number as an answer.");
      if (Double.isInfinite(value)) throw new MathProblem("That number is too big for me to say.");
    }
  }
}
