package dev.hearth.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  @Test
  void splitsAtSentenceEnds() {
    assertThat(SentenceSplitter.split("It's 7:42 PM. Anything else? Great!"))
        .containsExactly("It's 7:42 PM.", "Anything else?", "Great!");
  }

  @Test
  void keepsDecimalsAbbreviationsAndInitialsTogether() {
    assertThat(SentenceSplitter.split("Ten miles is 16.09 km. Dr. Smith met J. Doe, e.g. yesterday. Done"))
        .containsExactly("Ten miles is 16.09 km.", "Dr. Smith met J. Doe, e.g. yesterday.", "Done");
  }

  @Test
  void streamedTextYieldsEachSentenceAsSoonAsItIsComplete() {
    SentenceSplitter s = new SentenceSplitter();
    List<String> out = new ArrayList<>();
    out.addAll(s.add("Hel"));
    assertThat(out).isEmpty();
    out.addAll(s.add("lo there. How"));
    assertThat(out).containsExactly("Hello there.");
    out.addAll(s.add(" are you?"));
    assertThat(out).containsExactly("Hello there."); // "?" needs the following space or the end
    out.addAll(s.finish());
    assertThat(out).containsExactly("Hello there.", "How are you?");
  }

  @Test
  void newlinesEndSentencesAndBlankTextGivesNothing() {
    assertThat(SentenceSplitter.split("first line\nsecond line")).containsExactly("first line", "second line");
    assertThat(SentenceSplitter.split("   ")).isEmpty();
  }

  /** Issue 18: a model's answer, a token at a time, is heard from its first clause on, not its first full stop. */
  @Test
  void aFirstPhraseSplitterCutsTheUnfinishedFirstSentenceAtItsFirstClauseBoundary() {
    SentenceSplitter s = SentenceSplitter.firstPhrase();
    List<String> out = new ArrayList<>();
    for (String token : List.of("Well", ",", " the", " short", " answer", " is", " yes", ".", " It", " rains", ".")) {
      out.addAll(s.add(token));
      if (token.equals("Well")) assertThat(out).as("the word may still go on").isEmpty();
      if (token.equals(",")) assertThat(out).as("a comma after a letter ends the phrase at once").containsExactly("Well,");
    }
    out.addAll(s.finish());
    assertThat(out).containsExactly("Well,", "the short answer is yes.", "It rains.");
  }

  /** A mark after a digit may be inside a number: the phrase waits for what follows it. */
  @Test
  void aCommaOrColonAfterADigitWaitsForTheNextToken() {
    SentenceSplitter s = SentenceSplitter.firstPhrase();
    List<String> out = new ArrayList<>();
    for (String token : List.of("It", " costs", " 1", ",", "000", " dollars", " at", " 8", ":", "10", ";", " pay", " soon", ".")) {
      out.addAll(s.add(token));
      if (token.equals(",") || token.equals(":")) assertThat(out).as("after " + token).isEmpty();
    }
    out.addAll(s.finish());
    assertThat(out).containsExactly("It costs 1,000 dollars at 8:10;", "pay soon.");
  }

  @Test
  void aFirstPhraseEndsBeforeAConjunctionOnlyAfterEnoughWords() {
    assertThat(streamed("Salt and pepper go well together in most soups today.")).first()
        .isEqualTo("Salt and pepper go well together in most");
    assertThat(streamed("The pasta is ready now and the sauce is warm.")).first().isEqualTo("The pasta is ready now");
    assertThat(streamed("It is warm but windy out there today.")).first().isEqualTo("It is warm but windy out there today.");
    assertThat(streamed("The android app works fine and so does the page."))
        .first().as("'android' is no 'and'").isEqualTo("The android app works fine");
  }

  @Test
  void aFirstPhraseWithNoBoundaryEndsAtTheWordCap() {
    List<String> pieces = streamed("one two three four five six seven eight nine ten eleven twelve. Next one.");
    assertThat(pieces).containsExactly("one two three four five six seven eight", "nine ten eleven twelve.", "Next one.");
  }

  @Test
  void onlyTheFirstPieceIsAPhraseAndAFirstSentenceThatCameWholeIsNotCut() {
    assertThat(streamed("Yes, it is. Well, then, we go on.")).containsExactly("Yes,", "it is.", "Well, then, we go on.");
    SentenceSplitter whole = SentenceSplitter.firstPhrase();
    assertThat(whole.add("Okay, I'll ring again at 8:10 PM.")).as("it may end there: not cut").isEmpty();
    assertThat(whole.finish()).containsExactly("Okay, I'll ring again at 8:10 PM.");
    SentenceSplitter later = SentenceSplitter.firstPhrase();
    List<String> out = new ArrayList<>(later.add("First one. And then, "));
    out.addAll(later.add("slowly, the second."));
    out.addAll(later.finish());
    assertThat(out).containsExactly("First one.", "And then, slowly, the second.");
    assertThat(SentenceSplitter.split("Well, plain splitting, as before."))
        .containsExactly("Well, plain splitting, as before.");
  }

  @Test
  void colonsSemicolonsAndDashesEndAFirstPhrase() {
    assertThat(streamed("You need three things: flour, eggs and milk.")).first().isEqualTo("You need three things:");
    assertThat(streamed("It was late; we left early.")).first().isEqualTo("It was late;");
    assertThat(streamed("Sure - here it comes.")).first().isEqualTo("Sure -");
  }

  /** The pieces of {@code text} streamed into a first-phrase splitter a word at a time. */
  private static List<String> streamed(String text) {
    SentenceSplitter s = SentenceSplitter.firstPhrase();
    List<String> out = new ArrayList<>();
    for (String piece : text.split("(?= )")) out.addAll(s.add(piece));
    out.addAll(s.finish());
    return out;
  }
}
