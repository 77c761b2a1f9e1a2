package dev.hearth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server process on this machine holds, read from outside it: resident memory and threads from
 * {@code /proc/PID/status}, and the live heap (what is left after a full collection) through the JDK's {@code jcmd}.
 * Each reading is null where it cannot be had (another machine, another user's process, no jcmd).
 */
final class ProcessProbe {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final long JCMD_LIMIT_SECONDS = 30;

  /** One reading; each number is null when it could not be read. */
  record Reading(Long rssBytes, Long liveHeapBytes, Integer threads) {}

  private ProcessProbe() {}

  static Reading read(long pid) {
    String status = procStatus(pid);
    Long rssKb = status == null ? null : field(status, "VmRSS");
    Long threads = status == null ? null : field(status, "Threads");
    return new Reading(rssKb == null ? null : rssKb * 1024, liveHeap(pid), threads == null ? null : threads.intValue());
  }

  private static String procStatus(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static Long field(String status, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) : null;
  }

  /** Runs a full collection in the process, then sums what its heap's generations use. */
  static Long liveHeap(long pid) {
    if (jcmd(pid, "GC.run") == null) return null;
    String info = jcmd(pid, "GC.heap_info");
    if (info == null) return null;
    long kb = 0;
    boolean found = false;
    for (String line : info.lines().toList()) {
      // one line per generation (Serial, Parallel) or one for the whole heap (G1): "... total 123K, used 45K ..."
      if (line.contains("Metaspace") || line.contains("class space")) continue;
      Matcher m = USED.matcher(line);
      if (m.find() && (line.contains("generation") || line.contains("garbage-first heap") || line.contains("PSYoungGen")
          || line.contains("ParOldGen"))) {
        kb += Long.parseLong(m.group(1));
        found = true;
      }
    }
    return found ? kb * 1024 : null;
  }

  private static String jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) return null;
    Path out = null;
    try {
      out = Files.createTempFile("hearth-jcmd", ".txt");
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(JCMD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      if (out != null) out.toFile().delete();
    }
  }
}
