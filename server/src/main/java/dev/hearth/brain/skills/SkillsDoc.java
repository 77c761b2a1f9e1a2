package dev.hearth.brain.skills;

import dev.hearth.brain.intent.IntentMatcher;
import dev.hearth.brain.intent.SlotType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code docs/skills.md}, written from the skills' own templates, so the page a person reads is what Hearth
 * understands ({@code hearth skills} prints it; a test fails when the file is out of date).
 */
public final class SkillsDoc {
  /** How many example phrases of a slot type the page shows. */
  private static final int EXAMPLES = 12;

  private SkillsDoc() {}

  /** The page, in Markdown. */
  public static String markdown() {
    IntentMatcher matcher = Skills.withoutTimers().matcher();
    StringBuilder md = new StringBuilder();
    md.append("# What the built-in skills understand\n\n")
        .append("Generated from the skills' sentence templates by `./hearth skills > docs/skills.md`; ")
        .append("`SkillsDocTest` fails when this file is out of date. These requests are answered offline, at once, ")
        .append("before any language model is asked.\n\n")
        .append("A voice turn is heard twice: by open recognition, and by a recognizer restricted to a grammar written ")
        .append("from these templates, which hears a command through an accent or a noisy kitchen where the small ")
        .append("model mishears it by a word. The turn takes the command the grammar heard only when open recognition ")
        .append("heard no command and the two sound alike, more loosely when no language model and no OpenAI key ")
        .append("could answer anything else (`speech/CommandListening`, `brain/intent/TranscriptChoice`; ")
        .append("`stt.command_grammar=false` turns it off); when they sound only somewhat alike, the turn asks ")
        .append("\"Did you mean: ...?\" and acts on a yes. `scripts/bench-commands` measures it on the spoken corpus ")
        .append("in `testdata/commands/` ([benchmarks.md](benchmarks.md)).\n\n")
        .append("## How to read a template\n\n")
        .append("- `(a|b)`: one of the alternatives; `[a]` or `[a|b]`: optional.\n")
        .append("- `{duration}`: a slot, read by its type (below); `{from:unit}` is a slot named `from` of type `unit`.\n")
        .append("- Said words are matched after they are normalised: lowercase, digits and symbols as words ")
        .append("(`12 * 7` is `12 times 7`), `what's` as `what is`, and polite openings such as \"hey hearth\", ")
        .append("\"can you\", \"please\" or \"I want to\" dropped.\n")
        .append("- Fillers may stand anywhere without being written: `")
        .append(String.join("`, `", new TreeSet<>(IntentMatcher.FILLERS))).append("`.\n")
        .append("- A word may come as its plural, or its plural as the word (\"timers\" for \"timer\"), ")
        .append("at a small cost in confidence.\n")
        .append("- A few words may come as what the small speech model often hears for them, at a larger cost: ")
        .append(heardAs(IntentMatcher.HEARD_AS)).append("; and in lengths of time and units, ")
        .append(unitHeardAs(SkillSlots.TIME_HEARD_AS)).append(".\n\n")
        .append("## Sentences, by intent\n");
    Map<String, List<String>> byIntent = new LinkedHashMap<>();
    for (IntentMatcher.Sentence s : matcher.sentences()) {
      byIntent.computeIfAbsent(s.intent(), k -> new ArrayList<>()).add(s.template().source());
    }
    byIntent.forEach((intent, templates) -> {
      md.append("\n### `").append(intent).append("`\n\n");
      for (String t : templates) md.append("- `").append(t).append("`\n");
    });
    md.append("\n## Slot types\n\nEach with examples of what it reads (the phrases a restricted recognizer listens for).\n");
    matcher.slotTypes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      SlotType type = e.getValue();
      List<String> phrases = type.phrases();
      md.append("\n### `{").append(e.getKey()).append("}`\n\n");
      if (phrases.isEmpty()) {
        md.append("Any words (heard by open recognition only).\n");
      } else {
        List<String> shown = phrases.subList(0, Math.min(EXAMPLES, phrases.size()));
        md.append("`").append(String.join("`, `", shown)).append("`");
        if (phrases.size() > shown.size()) md.append(", … (").append(phrases.size()).append(" in all)");
        md.append("\n");
      }
    });
    return md.toString();
  }

  /** "`is` as `in` or `as`": each word and what it is heard as, sorted. */
  private static String heardAs(Map<String, Set<String>> heardAs) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(heardAs).forEach((meant, heard) -> parts.add("`" + meant + "` as `" + String.join("` or `",
        new TreeSet<>(heard)) + "`"));
    return String.join(", ", parts);
  }

  /** "`an hour` as `another`": each heard word after what it stands for, sorted by the heard word. */
  private static String unitHeardAs(Map<String, List<String>> heardFor) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(heardFor).forEach((heard, meant) -> parts.add("`" + String.join(" ", meant) + "` as `" + heard + "`"));
    return String.join(", ", parts);
  }
}
