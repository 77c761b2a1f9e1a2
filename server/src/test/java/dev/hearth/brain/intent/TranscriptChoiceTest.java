package dev.hearth.brain.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptChoiceTest {
  private final IntentMatcher matcher = IntentMatcher.builder()
      .sentences("timer.cancel", "cancel the (pasta|egg) timer").sentences("time", "what time is it").build();
  private final TranscriptChoice choice = new TranscriptChoice(t -> matcher.match(List.of(t.split(" "))), 0.6);

  @Test
  void aCommandHeardByOpenRecognitionIsTakenAsHeard() {
    TranscriptChoice.Choice c = choose(List.of("what time is it"), "what time is it");
    assertThat(c.source()).isEqualTo(TranscriptChoice.Source.OPEN);
    assertThat(c.intent()).map(Intent::name).contains("time");
  }

  @Test
  void anAlternativeThatIsACommandComesBeforeTheGrammar() {
    TranscriptChoice.Choice c = choose(List.of("cancel the pastor timer", "cancel the pasta timer"), "cancel the egg timer");
    assertThat(c.source()).isEqualTo(TranscriptChoice.Source.OPEN_ALTERNATIVE);
    assertThat(c.text()).isEqualTo("cancel the pasta timer");
  }

  @Test
  void aMisheardCommandIsTakenFromTheGrammarWhenItSoundsAlike() {
    TranscriptChoice.Choice c = choose(List.of("cancelled the past or timer"), "cancel the pasta timer");
    assertThat(c.source()).isEqualTo(TranscriptChoice.Source.RESTRICTED);
    assertThat(c.text()).isEqualTo("cancel the pasta timer");
    assertThat(c.intent()).map(Intent::name).contains("timer.cancel");
  }

  @Test
  void aGrammarTranscriptThatSoundsOnlySomewhatAlikeIsAGuess() {
    TranscriptChoice.Choice close = choose(List.of("cancel the pastor timer"), "cancel the pasta timer");
    assertThat(close.similarity()).isGreaterThanOrEqualTo(TranscriptChoice.CLOSE);
    assertThat(close.guessed()).isFalse();
    TranscriptChoice.Choice far = choose(List.of("cancelled the egg tamer"), "cancel the egg timer");
    assertThat(far.source()).isEqualTo(TranscriptChoice.Source.RESTRICTED);
    assertThat(far.similarity()).isBetween(0.6, TranscriptChoice.CLOSE);
    assertThat(far.guessed()).isTrue();
    assertThat(choose(List.of("what time is it"), "what time is it").guessed()).isFalse();
  }

  @Test
  void aQuestionTheGrammarForcedIntoACommandStaysTheQuestion() {
    TranscriptChoice.Choice c = choose(List.of("what is the capital of france"), "what time is it");
    assertThat(c.source()).isEqualTo(TranscriptChoice.Source.OPEN);
    assertThat(c.text()).isEqualTo("what is the capital of france");
    assertThat(c.intent()).isEmpty();
  }

  @Test
  void anUnknownWordInTheGrammarsTranscriptMeansItHeardNoCommand() {
    TranscriptChoice.Choice c = choose(List.of("cancel the pastor timer"), "cancel the [unk] timer");
    assertThat(c.intent()).isEmpty();
    assertThat(c.text()).isEqualTo("cancel the pastor timer");
  }

  @Test
  void aLaterGrammarReadingThatIsACommandWinsOverAFirstThatIsNone() {
    TranscriptChoice.Choice c = choice.choose(new TranscriptChoice.Heard(List.of("cancelled the past or timer"),
        List.of("cancel the pasta time", "cancel [unk] pasta timer", "cancel the pasta timer")));
    assertThat(c.source()).isEqualTo(TranscriptChoice.Source.RESTRICTED);
    assertThat(c.text()).isEqualTo("cancel the pasta timer");
  }

  @Test
  void theGrammarsReadingIsComparedWithTheClosestOfOpenRecognitionsReadings() {
    TranscriptChoice.Choice c = choose(List.of("can sell a pass the tie", "cancelled the past or timer"),
        "cancel the pasta timer");
    assertThat(c.source()).isEqualTo(TranscriptChoice.Source.RESTRICTED);
    assertThat(c.similarity()).isEqualTo(TranscriptChoice.similarity("cancelled the past or timer", "cancel the pasta timer"));
  }

  @Test
  void leaningOnTheGrammarTakesAReadingFartherFromOpenRecognitionAsAGuess() {
    List<String> open = List.of("can sell a pass the tie");
    List<String> restricted = List.of("cancel the pasta timer");
    double similar = TranscriptChoice.similarity(open.get(0), restricted.get(0));
    assertThat(similar).isBetween(TranscriptChoice.COMMANDS_ONLY, TranscriptChoice.SIMILAR);
    assertThat(choice.choose(new TranscriptChoice.Heard(open, restricted)).intent()).isEmpty();
    TranscriptChoice leaning = new TranscriptChoice(t -> matcher.match(List.of(t.split(" "))), TranscriptChoice.COMMANDS_ONLY);
    TranscriptChoice.Choice c = leaning.choose(new TranscriptChoice.Heard(open, restricted));
    assertThat(c.intent()).map(Intent::name).contains("timer.cancel");
    assertThat(c.guessed()).isTrue();
  }

  @Test
  void withoutARestrictedTranscriptOnlyOpenRecognitionCounts() {
    assertThat(choose(List.of("cancelled the past or timer"), "").intent()).isEmpty();
  }

  @Test
  void similarityComparesLettersNotWords() {
    assertThat(TranscriptChoice.similarity("past or", "pasta")).isGreaterThan(0.6);
    assertThat(TranscriptChoice.similarity("cancelled the past or timer", "cancel the pasta timer")).isGreaterThan(0.75);
    assertThat(TranscriptChoice.similarity("what is the capital of france", "what time is it")).isLessThan(0.6);
    assertThat(TranscriptChoice.similarity("", "")).isEqualTo(1.0);
  }

  private TranscriptChoice.Choice choose(List<String> open, String restricted) {
    return choice.choose(new TranscriptChoice.Heard(open, List.of(restricted)));
  }
}
