package dev.hearth.pi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command and keeps its exit status and its output (stdout and stderr together). */
record Shell(int exitCode, String output) {
  static Shell run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 5 minutes");
    }
    return new Shell(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Runs the command and fails with its output unless it exits 0. */
  static String ok(String... command) throws IOException, InterruptedException {
    Shell r = run(command);
    if (r.exitCode != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode + ":\n" + r.output);
    }
    return r.output;
  }
}
