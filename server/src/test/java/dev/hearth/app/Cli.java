package dev.hearth.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code hearth ...} in-process, as {@link Main} does, with its output captured. */
record Cli(int exit, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  /** The space-separated ids {@code llm generate --print-ids} wrote. */
  int[] ids() {
    String s = out.strip();
    if (s.isEmpty()) return new int[0];
    return java.util.Arrays.stream(s.split("\\s+")).mapToInt(Integer::parseInt).toArray();
  }
}
