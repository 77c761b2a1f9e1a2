package dev.hearth.llm;

import java.util.List;

/**
 * Watches generated text for stop strings: passes text on as it comes, but holds back a tail that could be the
 * start of a stop string, and cuts the text where one appears.
 */
final class StopStrings {
  private final List<String> stops;
  private final int holdBack;
  private final StringBuilder pending = new StringBuilder();
  private boolean stopped;

  StopStrings(List<String> stops) {
    this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    this.holdBack = this.stops.stream().mapToInt(String::length).max().orElse(1) - 1;
  }

  /** Adds generated text; returns what can be passed on now ("" while a stop string might be forming). */
  String accept(String text) {
    if (stopped) return "";
    pending.append(text);
    int cut = firstStop();
    if (cut >= 0) {
      stopped = true;
      String out = pending.substring(0, cut);
      pending.setLength(0);
      return out;
    }
    int safe = Math.max(0, pending.length() - holdBack);
    String out = pending.substring(0, safe);
    pending.delete(0, safe);
    return out;
  }

  /** The held-back tail, once generation has ended without a stop string. */
  String finish() {
    String out = stopped ? "" : pending.toString();
    pending.setLength(0);
    return out;
  }

  boolean stopped() {
    return stopped;
  }

  private int firstStop() {
    int first = -1;
    for (String stop : stops) {
      int at = pending.indexOf(stop);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  }
}
