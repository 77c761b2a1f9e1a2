package dev.hearth.brain.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrammarPhrasesTest {
  private static SlotType list(String... phrases) {
    return new SlotType() {
      @Override
      public List<Reading> read(List<String> words, int start) {
        return List.of();
      }

      @Override
      public List<String> phrases() {
        return List.of(phrases);
      }
    };
  }

  @Test
  void everyNeighbouringPairIsInSomePhraseButNotEverySentence() {
    SlotType number = list("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");
    IntentMatcher m = IntentMatcher.builder().slotType("number", number)
        .sentences("sum", "what is {number} (plus|minus|times) {number}").build();
    List<String> phrases = GrammarPhrases.of(m);
    Set<String> bigrams = bigrams(phrases);
    for (String n : number.phrases()) {
      for (String op : List.of("plus", "minus", "times")) {
        assertThat(bigrams).contains(n + " " + op, op + " " + n);
      }
      assertThat(bigrams).contains("is " + n, n + " </s>");
    }
    assertThat(bigrams).contains("<s> what");
    List<String> spelledOut = phrases.stream().filter(p -> p.startsWith("what is ")).toList();
    assertThat(spelledOut).as("pairs, not the 300 sentences").hasSizeLessThan(100);
    assertThat(phrases).allMatch(p -> p.matches("what( is|'s) \\w+ (plus|minus|times) \\w+"));
    assertThat(phrases).as("each also as people run it together").hasSize(2 * spelledOut.size());
  }

  @Test
  void optionalPartsLetTheirNeighboursMeet() {
    IntentMatcher m = IntentMatcher.builder().slotType("name", list("pasta", "egg"))
        .sentences("set", "set [a] [{name}] timer [please]").build();
    Set<String> bigrams = bigrams(GrammarPhrases.of(m));
    assertThat(bigrams).contains("<s> set", "set a", "set pasta", "set egg", "set timer", "a pasta", "a timer",
        "pasta timer", "egg timer", "timer please", "timer </s>", "please </s>");
  }

  @Test
  void slotPhrasesAreTemplatesThemselves() {
    IntentMatcher m = IntentMatcher.builder().slotType("number", list("one", "two"))
        .slotType("duration", list("{number} (minute|minutes)", "half an hour"))
        .sentences("set", "timer for {duration}").build();
    assertThat(GrammarPhrases.of(m)).contains("timer for half an hour").anyMatch(p -> p.endsWith("one minute"))
        .anyMatch(p -> p.endsWith("two minutes"));
    assertThat(GrammarPhrases.words(m)).containsExactly("an", "for", "half", "hour", "minute", "minutes", "one",
        "timer", "two");
  }

  private static Set<String> bigrams(List<String> phrases) {
    Set<String> out = new HashSet<>();
    for (String p : phrases) {
      String[] w = ("<s> " + p + " </s>").split(" ");
      for (int i = 0; i + 1 < w.length; i++) out.add(w[i] + " " + w[i + 1]);
    }
    return out;
  }
}
