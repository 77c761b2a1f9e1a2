package dev.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code transcripts.tsv}: one line per file, {@code file<TAB>reference text<TAB>duration_s<TAB>source};
 * blank lines and lines starting with {@code #} are skipped. Only the first two columns are required.
 */
public final class Transcripts {
  private Transcripts() {}

  /** Reference text by file name, in file order. */
  public static Map<String, String> read(Path tsv) throws IOException {
    return parse(Files.readAllLines(tsv), tsv.toString());
  }

  /** Parses the lines of a transcripts file; {@code name} is used in error messages. */
  public static Map<String, String> parse(List<String> lines, String name) {
    Map<String, String> references = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] cols = line.split("\t", -1);
      if (cols.length < 2 || cols[0].isBlank()) {
        throw new IllegalArgumentException(name + " line " + (i + 1)
            + ": expected file<TAB>reference text[<TAB>duration_s<TAB>source], got: " + line);
      }
      references.put(cols[0].strip(), cols[1].strip());
    }
    return references;
  }
}
