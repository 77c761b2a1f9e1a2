package dev.hearth.health;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Resident memory and heap of this process, from /proc where available (null where not). */
public final class ProcessStats {
  private ProcessStats() {}

  /** {@code pid}, {@code rss_bytes}, {@code heap_used_bytes} and {@code heap_max_bytes}, in that order. */
  public static Map<String, Object> snapshot() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pid", ProcessHandle.current().pid());
    m.put("rss_bytes", rssBytes());
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    m.put("heap_used_bytes", heap.getUsed());
    m.put("heap_max_bytes", heap.getMax());
    return m;
  }

  /** The resident memory now (VmRSS). */
  public static Long rssBytes() {
    return statusBytes("VmRSS:");
  }

  /** The highest resident memory this process has had (VmHWM). */
  public static Long peakRssBytes() {
    return statusBytes("VmHWM:");
  }

  /** A size line of /proc/self/status in bytes, or null where there is no such file. */
  private static Long statusBytes(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    } catch (Exception e) {
      return null;
    }
    return null;
  }
}
