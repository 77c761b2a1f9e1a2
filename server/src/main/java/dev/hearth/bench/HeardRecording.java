package dev.hearth.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One recording of the command corpus heard: what open recognition wrote (best first, then its alternatives), the
 * phrase grammar's readings (best first), and the word grammar's. {@code hearth bench --commands --dump} writes them
 * to a file, one per line (condition, voice, id, each list of readings joined by |, the word grammar's reading;
 * tab-separated), and {@code --heard} reads them back, so a policy can be studied without recognizing again.
 */
record HeardRecording(String condition, String voice, String id, List<String> open, List<String> phraseReadings,
    String words) {
  HeardRecording {
    open = List.copyOf(open);
    phraseReadings = List.copyOf(phraseReadings);
  }

  /** The phrase grammar's best reading. */
  String phrases() {
    return phraseReadings.get(0);
  }

  static void write(List<HeardRecording> heard, Path file) throws Exception {
    List<String> lines = new ArrayList<>();
    for (HeardRecording h : heard) {
      lines.add(String.join("\t", h.condition(), h.voice(), h.id(), String.join("|", h.open()),
          String.join("|", h.phraseReadings()), h.words()));
    }
    Files.write(file, lines);
  }

  static List<HeardRecording> read(Path file) throws Exception {
    List<HeardRecording> heard = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t", -1);
      heard.add(new HeardRecording(f[0], f[1], f[2], List.of(f[3].split("\\|", -1)), List.of(f[4].split("\\|", -1)),
          f[5]));
    }
    return heard;
  }
}
