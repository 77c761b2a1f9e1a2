package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import dev.hearth.brain.intent.SlotType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works out spoken or typed arithmetic with the usual precedence: plus, minus, times, divided by, over, x,
 * squared, cubed, to the power of, square root of, percent of, and brackets when typed.
 * "what is twelve times seven" → "Twelve times seven is 84."
 *
 * <p>The {@code {expression}} slot takes the words only when all of them are an expression with at least one
 * operator, so "what is the capital of france" is not arithmetic.
 */
final class ArithmeticSkill implements Skill {
  /** An expression as said, and its value or why it has none. */
  record Expression(String said, double value, String problem) {
    /** Its value, as the command corpus writes it ("84", "2.5"), or its problem. */
    @Override
    public String toString() {
      return problem != null ? problem : java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
  }

  /** Reads an arithmetic expression: every span from the start that parses, the longest first. */
  static final SlotType EXPRESSION = SkillSlots.of(ArithmeticSkill::read, List.of(
      "{number} (plus|minus|times|divided by) {number}", "the square root of {number}", "{number} squared",
      "{number} percent of {number}", "{number} to the power of {number}"));

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.slotType("expression", EXPRESSION).slotType("number", SkillSlots.NUMBER);
    sentences.sentences("arithmetic",
        "[what is|what are|how much is|how much are|calculate|compute|work out|solve|evaluate|what does|what do"
            + "|tell me] {expression} [equals|equal|make|makes]");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    Expression e = intent.slot("expression", Expression.class).orElseThrow();
    if (e.problem() != null) return Skill.say(e.problem());
    String said = SpokenNumbers.capitalize(e.said().replace("( ", "(").replace(" )", ")"));
    return Skill.say(said + " is " + SpokenNumbers.round(e.value()).withAbout() + ".");
  }

  private static List<SlotType.Reading> read(List<String> words, int start) {
    List<SlotType.Reading> readings = new ArrayList<>();
    for (int end = words.size(); end > start; end--) {
      List<String> span = words.subList(start, end);
      Parser parser = new Parser(span);
      Expression e;
      try {
        double value = parser.parseAll();
        if (parser.operators == 0) continue;
        e = new Expression(String.join(" ", span), value, null);
      } catch (NotArithmetic x) {
        continue;
      } catch (MathProblem x) {
        e = new Expression(String.join(" ", span), Double.NaN, x.getMessage());
      }
      readings.add(SlotType.Reading.exact(e, span.size()));
    }
    return readings;
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
