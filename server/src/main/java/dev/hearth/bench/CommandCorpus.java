package dev.hearth.bench;

import dev.hearth.brain.intent.Intent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spoken-request corpus of {@code testdata/commands/}: requests with the intent and slots the skills should find
 * ({@code requests.tsv}), and questions no template may take ({@code open-questions.txt}). Items are numbered as
 * {@code scripts/make-command-audio} names their recordings: {@code r001} for the first request, {@code o001} for the
 * first open question.
 */
public record CommandCorpus(List<Request> requests, List<OpenQuestion> openQuestions) {
  /** One request: its words, and the intent and slots (name → value as the corpus writes it) they mean. */
  public record Request(String id, String text, String intent, Map<String, String> slots) {
    /** The skill the intent belongs to: {@code timer} for {@code timer.set}. */
    public String skill() {
      int dot = intent.indexOf('.');
      return dot < 0 ? intent : intent.substring(0, dot);
    }
  }

  /** A question that is not a command. */
  public record OpenQuestion(String id, String text) {}

  public static CommandCorpus read(Path dir) throws IOException {
    List<Request> requests = new ArrayList<>();
    for (String line : lines(dir.resolve("requests.tsv"))) {
      String[] cols = line.split("\t", -1);
      if (cols.length < 2) throw new IOException("requests.tsv: needs text<TAB>intent<TAB>slots: " + line);
      Map<String, String> slots = new TreeMap<>();
      if (cols.length > 2 && !cols[2].isBlank()) {
        for (String pair : cols[2].trim().split(" ")) {
          String[] kv = pair.split("=", 2);
          if (kv.length != 2) throw new IOException("requests.tsv: a slot is name=value, not '" + pair + "': " + line);
          slots.put(kv[0], kv[1]);
        }
      }
      requests.add(new Request(String.format("r%03d", requests.size() + 1), cols[0], cols[1], slots));
    }
    List<OpenQuestion> open = new ArrayList<>();
    for (String line : lines(dir.resolve("open-questions.txt"))) {
      open.add(new OpenQuestion(String.format("o%03d", open.size() + 1), line.trim()));
    }
    return new CommandCorpus(List.copyOf(requests), List.copyOf(open));
  }

  /** An intent's slots as the corpus writes them: numbers without a needless ".0", units by name. */
  public static Map<String, String> slots(Intent intent) {
    Map<String, String> out = new TreeMap<>();
    intent.slots().forEach((name, value) -> out.put(name, render(value)));
    return out;
  }

  /** Whether {@code intent} is what {@code request} means: the same intent and the same slots. */
  public static boolean same(Request request, Intent intent) {
    return intent.name().equals(request.intent()) && slots(intent).equals(request.slots());
  }

  static String render(Object value) {
    if (value instanceof Double d) return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    if (value instanceof Enum<?> e) return e.name();
    return String.valueOf(value);
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }
}
