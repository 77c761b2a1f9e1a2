package dev.hearth.brain.skills;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A unit the conversion skill knows, with the words that name it. Each kind has a base unit (metre, kilogram,
 * litre, kelvin, metre per second, second); {@code base = value * factor + offset}. Volumes are US measures.
 */
enum Unit {
  MILLIMETER(Kind.LENGTH, "millimeter", "millimeters", 0.001, "millimeter", "millimeters", "millimetre",
      "millimetres", "mm"),
  CENTIMETER(Kind.LENGTH, "centimeter", "centimeters", 0.01, "centimeter", "centimeters", "centimetre",
      "centimetres", "cm"),
  METER(Kind.LENGTH, "meter", "meters", 1, "meter", "meters", "metre", "metres", "m"),
  KILOMETER(Kind.LENGTH, "kilometer", "kilometers", 1000, "kilometer", "kilometers", "kilometre", "kilometres",
      "km", "k m", "klick", "klicks"),
  INCH(Kind.LENGTH, "inch", "inches", 0.0254, "inch", "inches"),
  FOOT(Kind.LENGTH, "foot", "feet", 0.3048, "foot", "feet", "ft"),
  YARD(Kind.LENGTH, "yard", "yards", 0.9144, "yard", "yards", "yd", "yds"),
  MILE(Kind.LENGTH, "mile", "miles", 1609.344, "mile", "miles", "mi"),

  MILLIGRAM(Kind.MASS, "milligram", "milligrams", 1e-6, "milligram", "milligrams", "mg"),
  GRAM(Kind.MASS, "gram", "grams", 0.001, "gram", "grams", "gramme", "grammes", "g"),
  KILOGRAM(Kind.MASS, "kilogram", "kilograms", 1, "kilogram", "kilograms", "kilogramme", "kilogrammes", "kg",
      "kilo", "kilos"),
  OUNCE(Kind.MASS, "ounce", "ounces", 0.028349523125, "ounce", "ounces", "oz"),
  POUND(Kind.MASS, "pound", "pounds", 0.45359237, "pound", "pounds", "lb", "lbs"),
  STONE(Kind.MASS, "stone", "stone", 6.35029318, "stone", "stones"),

  MILLILITER(Kind.VOLUME, "milliliter", "milliliters", 0.001, "milliliter", "milliliters", "millilitre",
      "millilitres", "ml"),
  LITER(Kind.VOLUME, "liter", "liters", 1, "liter", "liters", "litre", "litres", "l"),
  TEASPOON(Kind.VOLUME, "teaspoon", "teaspoons", 0.00492892159375, "teaspoon", "teaspoons", "tsp"),
  TABLESPOON(Kind.VOLUME, "tablespoon", "tablespoons", 0.01478676478125, "tablespoon", "tablespoons", "tbsp"),
  CUP(Kind.VOLUME, "cup", "cups", 0.2365882365, "cup", "cups"),
  FLUID_OUNCE(Kind.VOLUME, "fluid ounce", "fluid ounces", 0.0295735295625, "fluid ounce", "fluid ounces",
      "fl oz", "floz"),
  PINT(Kind.VOLUME, "pint", "pints", 0.473176473, "pint", "pints", "pt"),
  QUART(Kind.VOLUME, "quart", "quarts", 0.946352946, "quart", "quarts", "qt"),
  GALLON(Kind.VOLUME, "gallon", "gallons", 3.785411784, "gallon", "gallons", "gal"),

  CELSIUS(Kind.TEMPERATURE, "degree Celsius", "degrees Celsius", 1, 273.15, "celsius", "centigrade", "c"),
  FAHRENHEIT(Kind.TEMPERATURE, "degree Fahrenheit", "degrees Fahrenheit", 5.0 / 9, 273.15 - 32 * 5.0 / 9,
      "fahrenheit", "f"),
  KELVIN(Kind.TEMPERATURE, "kelvin", "kelvin", 1, 0, "kelvin", "kelvins", "k"),
  /** "degrees" without a scale; the other side of the question decides between Celsius and Fahrenheit. */
  DEGREES(Kind.TEMPERATURE, "degree", "degrees", Double.NaN, Double.NaN, "degrees", "degree"),

  KILOMETERS_PER_HOUR(Kind.SPEED, "kilometer per hour", "kilometers per hour", 1 / 3.6, "kph", "kmh",
      "k p h", "km h", "km per hour", "kilometer per hour", "kilometers per hour", "kilometre per hour",
      "kilometres per hour", "kilometers an hour", "kilometres an hour"),
  MILES_PER_HOUR(Kind.SPEED, "mile per hour", "miles per hour", 0.44704, "mph", "m p h", "mile per hour",
      "miles per hour", "miles an hour"),
  METERS_PER_SECOND(Kind.SPEED, "meter per second", "meters per second", 1, "mps", "meter per second",
      "meters per second", "metre per second", "metres per second", "meters a second", "metres a second"),
  KNOT(Kind.SPEED, "knot", "knots", 1852 / 3600.0, "knot", "knots"),

  MILLISECOND(Kind.TIME, "millisecond", "milliseconds", 0.001, "millisecond", "milliseconds", "ms"),
  SECOND(Kind.TIME, "second", "seconds", 1, "second", "seconds", "sec", "secs", "s"),
  MINUTE(Kind.TIME, "minute", "minutes", 60, "minute", "minutes", "min", "mins"),
  HOUR(Kind.TIME, "hour", "hours", 3600, "hour", "hours", "hr", "hrs", "h"),
  DAY(Kind.TIME, "day", "days", 86_400, "day", "days"),
  WEEK(Kind.TIME, "week", "weeks", 604_800, "week", "weeks"),
  YEAR(Kind.TIME, "year", "years", 365 * 86_400, "year", "years");

  enum Kind { LENGTH, MASS, VOLUME, TEMPERATURE, SPEED, TIME }

  /** A unit found in a token list and how many tokens its name spans. */
  record Found(Unit unit, int tokens) {}

  private static final int LONGEST_NAME = 4;
  /** Names the small English speech model has no word for: a recognizer never hears them, only a keyboard types them. */
  private static final Set<String> NOT_IN_THE_MODEL = Set.of("kelvins", "floz", "klicks");
  private static final Map<String, Unit> BY_NAME = new HashMap<>();

  static {
    for (Unit unit : values()) {
      for (String name : unit.names) {
        BY_NAME.put(name, unit);
        if (unit.kind == Kind.TEMPERATURE && unit != DEGREES) {
          BY_NAME.put("degrees " + name, unit);
          BY_NAME.put("degree " + name, unit);
        }
      }
    }
  }

  final Kind kind;
  private final String singular;
  private final String plural;
  private final double factor;
  private final double offset;
  private final List<String> names;

  Unit(Kind kind, String singular, String plural, double factor, String... names) {
    this(kind, singular, plural, factor, 0, names);
  }

  Unit(Kind kind, String singular, String plural, double factor, double offset, String... names) {
    this.kind = kind;
    this.singular = singular;
    this.plural = plural;
    this.factor = factor;
    this.offset = offset;
    this.names = List.of(names);
  }

  /** The longest unit name starting at {@code start}; empty when none does. */
  static Optional<Found> find(List<String> tokens, int start) {
    for (int length = Math.min(LONGEST_NAME, tokens.size() - start); length >= 1; length--) {
      Unit unit = BY_NAME.get(String.join(" ", tokens.subList(start, start + length)));
      if (unit != null) return Optional.of(new Found(unit, length));
    }
    return Optional.empty();
  }

  /** Every name of every unit, as a person may say it (the temperature scales with and without "degrees"). */
  static List<String> names() {
    return BY_NAME.keySet().stream().filter(n -> n.chars().allMatch(c -> c == ' ' || Character.isLetter(c)))
        .filter(n -> List.of(n.split(" ")).stream().noneMatch(NOT_IN_THE_MODEL::contains)).sorted().toList();
  }

  double toBase(double value) {
    return value * factor + offset;
  }

  double fromBase(double base) {
    return (base - offset) / factor;
  }

  /** The spoken name for {@code amount} of this unit: "1 mile" but "2 miles", "0.5 miles". */
  String name(double amount) {
    return amount == 1 ? singular : plural;
  }
}
