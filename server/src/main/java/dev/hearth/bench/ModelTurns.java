package dev.hearth.bench;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code hearth bench --llm}: voice turns that a local model answers, each after a typed conversation, so the model's
 * prompt holds a conversation as it would at home. Run it against a server whose model answers with a scripted
 * reply ({@code llm.scripted_reply}) so the turns are repeatable; {@code scripts/bench-llm-voice} does the whole
 * measurement.
 */
final class ModelTurns {
  /**
   * Open questions no skill takes, typed before each measured turn; with the script of {@code scripts/bench-llm-voice}
   * (19 tokens) five of them and their answers are about 200 tokens of Qwen2.5's chat template.
   */
  static final List<String> HISTORY = List.of(
      "What should I keep in mind when I plant tomatoes in a small garden?",
      "Why do cats like to sleep in cardboard boxes and other small places?",
      "How did people keep food cold before there were electric fridges at home?",
      "What makes a good book for reading aloud to children at bedtime?",
      "Why does bread go stale faster in the fridge than on the counter?");

  /** The recordings of {@code --llm}: twelve-word open questions, spoken by voices that are not Hearth's. */
  static final Path QUESTIONS = Path.of("testdata/questions");

  static final class Options {
    @Option(names = "--llm", description = "Measure a local model's voice turns: each turn first types a "
        + "conversation (--history-turns, default 5 with --llm) into a new conversation, then speaks its recording "
        + "(default " + "testdata/questions" + ") into it. Report release -> first token beside first audio, and audio "
        + "underruns. The server should answer with llm.scripted_reply (scripts/bench-llm-voice does it all).")
    boolean llm;

    @Option(names = "--history-turns", paramLabel = "N", description = "Typed questions (open ones, answered before "
        + "the turn and not measured) that start a new conversation before each turn, which is then spoken into it. "
        + "Default: 5 with --llm, else 0")
    Integer historyTurns;

    /** The typed questions before each turn. */
    List<String> history() {
      int n = historyTurns != null ? historyTurns : llm ? HISTORY.size() : 0;
      return java.util.stream.IntStream.range(0, n).mapToObj(i -> HISTORY.get(i % HISTORY.size())).toList();
    }
  }

  private ModelTurns() {}
}
