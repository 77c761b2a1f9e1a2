package dev.hearth.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.Reply;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.ReplyDelta;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.Sentence;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceStageTest {

  /** Issue 18: a model's answer is spoken from its first clause on, while the model is still writing the sentence. */
  @Test
  void aStreamedAnswerSpeaksItsFirstPhraseBeforeItsFirstSentenceEnds() throws Exception {
    StageHarness h = new StageHarness(new SentenceStage());
    Turn t = StageHarness.turn();
    h.send(new ReplyDelta(t, "Sure", true), new ReplyDelta(t, ",", true), new ReplyDelta(t, " the", true));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof Sentence), 5_000);
    assertThat(sentences(h)).containsExactly("Sure,");
    h.send(new ReplyDelta(t, " oven is hot", true), new ReplyDelta(t, ". Bake it, then rest it.", true),
        new ReplyDone(t, Reply.of("Sure, the oven is hot. Bake it, then rest it.", "model")));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof EndOfTurn), 5_000);
    assertThat(sentences(h)).containsExactly("Sure,", "the oven is hot.", "Bake it, then rest it.");
  }

  @Test
  void aWholeAnswerIsCutIntoSentencesOnly() throws Exception {
    StageHarness h = new StageHarness(new SentenceStage());
    Turn t = StageHarness.turn();
    h.send(new ReplyDelta(t, "On your list: milk, eggs and bread", false),
        new ReplyDone(t, Reply.of("On your list: milk, eggs and bread", "skill")));
    h.awaitDown(d -> d.stream().anyMatch(f -> f instanceof EndOfTurn), 5_000);
    assertThat(sentences(h)).containsExactly("On your list: milk, eggs and bread");
  }

  private static List<String> sentences(StageHarness h) {
    return h.down().stream().filter(f -> f instanceof Sentence).map(f -> ((Sentence) f).text()).toList();
  }
}
