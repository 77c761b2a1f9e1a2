package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import dev.hearth.brain.intent.SlotType;
import java.util.List;
import java.util.Optional;

/**
 * Converts lengths, masses, volumes, temperatures, speeds and times.
 * "convert ten miles to kilometers" → "10 miles is about 16.09 kilometers."; also "what is seventy degrees
 * fahrenheit in celsius", "how many cups in a liter", "how many feet is three meters". With no amount, the amount
 * is one ("how many ounces in a pound").
 */
final class ConversionSkill implements Skill {
  /** A number with its sign: "minus forty", "2.5". */
  static final SlotType SIGNED_NUMBER = SkillSlots.greedy((words, start) -> NumberWords.parseSigned(words, start)
      .map(m -> SlotType.Reading.exact(m.value(), m.tokens())), List.of("{number}", "minus {number}"));

  /** A parsed question: how much of which unit, into which unit. */
  private record Question(double amount, Unit from, Unit to) {}

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.slotType("amount", SIGNED_NUMBER).slotType("unit", SkillSlots.UNIT).slotType("number", SkillSlots.NUMBER);
    sentences.sentences("convert",
        "[convert|what is|what are|how much is|how much are|how many is|change] [{amount}] {from:unit}"
            + " (in to|into|to|in|as) {to:unit}",
        "how many {to:unit} (are there in|are in|is in|go into|make up|makes|make|into|in|is|are) [{amount}] {from:unit}");
    // a unit into itself is a misheard question ("what is the day to day"); degrees into degrees asks for the scale
    sentences.sensibleWhen("convert", slots -> slots.get("from") != slots.get("to") || slots.get("from") == Unit.DEGREES);
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    Question q = new Question(intent.slot("amount", Double.class).orElse(1.0), intent.slot("from", Unit.class).orElseThrow(),
        intent.slot("to", Unit.class).orElseThrow());
    return Skill.say(reply(q));
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
}
