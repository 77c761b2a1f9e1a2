package dev.hearth.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One recording of the command corpus heard: what open recognition wrote (best first, then its alternatives), the
 * phrase grammar's readings (best first), and the word grammar's; each list of readings comes with Vosk's scores in
 * the same order. {@code hearth bench --commands --dump} writes them to a file, one per line (condition, voice, id,
 * then each list of readings as text=score joined by |, tab-separated), and {@code --heard} reads them back, so a
 * policy can be studied without recognizing again.
 */
record HeardRecording(String condition, String voice, String id, List<String> open, List<Double> openScores,
    List<String> phraseReadings, List<Double> phraseScores, String words) {
  HeardRecording {
    open = List.copyOf(open);
    openScores = List.copyOf(openScores);
    phraseReadings = List.copyOf(phraseReadings);
    phraseScores = List.copyOf(phraseScores);
  }

  /** The phrase grammar's best reading. */
  String phrases() {
    return phraseReadings.get(0);
  }

  static void write(List<HeardRecording> heard, Path file) throws Exception {
    List<String> lines = new ArrayList<>();
    for (HeardRecording h : heard) {
      lines.add(String.join("\t", h.condition(), h.voice(), h.id(), readings(h.open(), h.openScores()),
          readings(h.phraseReadings(), h.phraseScores()), h.words()));
    }
    Files.write(file, lines);
  }

  static List<HeardRecording> read(Path file) throws Exception {
    List<HeardRecording> heard = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t", -1);
      List<String> open = new ArrayList<>();
      List<Double> openScores = new ArrayList<>();
      List<String> phrases = new ArrayList<>();
      List<Double> phraseScores = new ArrayList<>();
      unreadings(f[3], open, openScores);
      unreadings(f[4], phrases, phraseScores);
      heard.add(new HeardRecording(f[0], f[1], f[2], open, openScores, phrases, phraseScores, f.length > 5 ? f[5] : ""));
    }
    return heard;
  }

  private static String readings(List<String> texts, List<Double> scores) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < texts.size(); k++) out.add(texts.get(k) + "=" + (k < scores.size() ? scores.get(k) : ""));
    return String.join("|", out);
  }

  private static void unreadings(String field, List<String> texts, List<Double> scores) {
    for (String reading : field.split("\\|", -1)) {
      int eq = reading.lastIndexOf('=');
      texts.add(reading.substring(0, eq));
      if (eq + 1 < reading.length()) scores.add(Double.parseDouble(reading.substring(eq + 1)));
    }
  }
}
