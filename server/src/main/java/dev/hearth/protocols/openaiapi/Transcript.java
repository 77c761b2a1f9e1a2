package dev.hearth.protocols.openaiapi;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What Vosk heard in a file: one segment per utterance it ended (at a pause, or at the end of the audio), and how
 * long the audio was. Times are seconds from the start of the file.
 */
record Transcript(List<Segment> segments, double durationSeconds) {

  Transcript {
    segments = List.copyOf(segments);
  }

  /** The whole text: the segments' texts joined by spaces, as {@code /ws} reports a recording. */
  String text() {
    return segments.stream().map(Segment::text).collect(Collectors.joining(" "));
  }

  /** A word with its times and Vosk's confidence in it (0 to 1). */
  record Word(String word, double start, double end, double confidence) {}

  /**
   * One utterance.
   *
   * @param avgLogprob the mean natural log of the words' confidences (Vosk scores words, not tokens)
   * @param compressionRatio the text's length over its zlib-compressed length, as Whisper computes it
   */
  record Segment(int id, double start, double end, String text, List<Word> words, double avgLogprob,
      double compressionRatio) {
    Segment {
      words = List.copyOf(words);
    }
  }
}
