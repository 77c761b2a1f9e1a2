package dev.hearth.brain.skills;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The user's words prepared for matching. Works the same on Vosk output ("what is twelve times seven") and on
 * typed text ("What is 12 * 7?"): lowercase, symbols spelled as words, single spaces, and polite wrappers
 * ("please", "can you", "hey hearth") removed from both ends.
 */
final class Utterance {
  private static final List<String> LEADING = List.of("hey hearth", "hi hearth", "ok hearth", "okay hearth",
      "hearth", "hey", "good morning", "good afternoon", "good evening", "okay", "ok", "please", "so", "um", "uh", "can you please", "could you please", "can you",
      "could you", "would you", "will you", "i want to", "i would like to", "id like to", "i need to",
      "i want you to", "i need you to", "i would like you to", "id like you to");
  private static final List<String> TRAILING = List.of("please", "thanks", "thank you", "for me", "hearth");

  private static final Pattern THOUSANDS_COMMA = Pattern.compile("(?<=\\d),(?=\\d{3}(?!\\d))");
  private static final Pattern SPEED_KMH = Pattern.compile("\\bkm\\s*/\\s*hr?\\b");
  private static final Pattern SPEED_MPH = Pattern.compile("\\bmi\\s*/\\s*hr?\\b");
  private static final Pattern SPEED_MPS = Pattern.compile("\\bm\\s*/\\s*s\\b");
  private static final Pattern WORD_HYPHEN = Pattern.compile("(?<=[a-z0-9])-(?=[a-z])");
  private static final Pattern LEADING_DOT = Pattern.compile("(^|[^\\d])\\.(\\d)");
  private static final Pattern DECIMAL_DOT = Pattern.compile("(?<=\\d)\\.(?=\\d)");
  private static final Pattern IS_CONTRACTION = Pattern.compile("\\b(what|that|it|how|who|where|there|here)'s\\b");
  private static final Pattern DIGIT_LETTER = Pattern.compile("(?<=\\d)(?=[a-z])|(?<=[a-z])(?=\\d)");
  private static final Pattern OTHER = Pattern.compile("[^a-z0-9.() ]");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final char DECIMAL_MARK = '\uE000';

  private final String text;
  private final List<String> tokens;

  private Utterance(String text) {
    this.text = text;
    this.tokens = text.isEmpty() ? List.of() : List.of(text.split(" "));
  }

  static Utterance of(String raw) {
    return new Utterance(stripPoliteness(normalize(raw)));
  }

  /** The normalised words, separated by single spaces. */
  String text() {
    return text;
  }

  /** The normalised words. */
  List<String> tokens() {
    return tokens;
  }

  /** Lowercases, spells symbols as words ("*" → "times", "%" → "percent") and collapses whitespace. */
  static String normalize(String raw) {
    String s = raw.toLowerCase(Locale.ROOT)
        .replace('\u2019', '\'').replace('\u2018', '\'')
        .replace('\u00d7', '*').replace('\u00f7', '/').replace('\u2212', '-').replace('\u2013', '-');
    s = THOUSANDS_COMMA.matcher(s).replaceAll("");
    s = SPEED_KMH.matcher(s).replaceAll(" kph ");
    s = SPEED_MPH.matcher(s).replaceAll(" mph ");
    s = SPEED_MPS.matcher(s).replaceAll(" mps ");
    s = s.replace("**", " to the power of ").replace("^", " to the power of ")
        .replace("*", " times ").replace("/", " divided by ").replace("+", " plus ")
        .replace("%", " percent ").replace("\u00b0", " degrees ").replace("=", " ");
    s = WORD_HYPHEN.matcher(s).replaceAll(" ");
    s = s.replace("-", " minus ");
    s = LEADING_DOT.matcher(s).replaceAll("$10.$2");
    s = DECIMAL_DOT.matcher(s).replaceAll(String.valueOf(DECIMAL_MARK));
    s = s.replace('.', ' ').replace(DECIMAL_MARK, '.');
    s = IS_CONTRACTION.matcher(s).replaceAll("$1 is");
    s = s.replace("let's", "let us").replace("i'm", "i am").replace("'", "");
    s = DIGIT_LETTER.matcher(s).replaceAll(" ");
    s = s.replace("(", " ( ").replace(")", " ) ");
    s = OTHER.matcher(s).replaceAll(" ");
    return SPACES.matcher(s).replaceAll(" ").trim();
  }

  /** Removes polite or wake words from both ends ("can you tell me the time please" → "tell me the time"). */
  static String stripPoliteness(String text) {
    String s = text;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String lead : LEADING) {
        if (s.startsWith(lead + " ")) {
          s = s.substring(lead.length() + 1);
          changed = true;
        }
      }
      for (String trail : TRAILING) {
        if (s.endsWith(" " + trail)) {
          s = s.substring(0, s.length() - trail.length() - 1);
          changed = true;
        }
      }
    }
    return s;
  }
}
