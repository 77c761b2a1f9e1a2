package dev.hearth.brain.intent;

import java.util.List;

/**
 * How a slot's words are read ({@code {duration}}: "five minutes" → 300000 ms) and what a recognizer restricted to
 * the templates may hear there. A skill's slot types are given to the {@link IntentMatcher} with its templates.
 */
public interface SlotType {
  /**
   * Every way the words from {@code start} can be read as this slot: each reading takes one or more words. Empty
   * when none can.
   */
  List<Reading> read(List<String> words, int start);

  /**
   * What a restricted recognizer may hear for this slot: a representative list, not every value. Each is a template
   * (see {@link Template}): plain words, or with alternatives and slots of other types ({@code "{number} minutes"}).
   */
  List<String> phrases();

  /**
   * One reading of a slot.
   *
   * @param value what the words mean (a number, a duration in ms, a unit, the words themselves)
   * @param words how many words it took
   * @param doubt how unsure the reading is: 0 when the words are exactly a value, more for a near miss (a
   *     near-homophone, a plural), which lowers the match's confidence
   */
  record Reading(Object value, int words, double doubt) {
    public Reading {
      if (words < 1) throw new IllegalArgumentException("a reading takes at least one word");
    }

    public static Reading exact(Object value, int words) {
      return new Reading(value, words, 0);
    }
  }
}
