package dev.hearth.brain.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntentMatcherTest {
  /** Digits as a number: "5" → 5, "12" → 12. */
  private static final SlotType DIGITS = new SlotType() {
    @Override
    public List<Reading> read(List<String> words, int start) {
      return words.get(start).matches("\\d+") ? List.of(Reading.exact(Integer.parseInt(words.get(start)), 1)) : List.of();
    }

    @Override
    public List<String> phrases() {
      return List.of("1", "2");
    }
  };

  /** A colour, with "read" as a near miss of "red". */
  private static final SlotType COLOUR = new SlotType() {
    @Override
    public List<Reading> read(List<String> words, int start) {
      List<Reading> out = new ArrayList<>();
      switch (words.get(start)) {
        case "red", "blue" -> out.add(Reading.exact(words.get(start), 1));
        case "read" -> out.add(new Reading("red", 1, 0.3));
        default -> { }
      }
      return out;
    }

    @Override
    public List<String> phrases() {
      return List.of("red", "blue");
    }
  };

  private final IntentMatcher matcher = IntentMatcher.builder()
      .slotType("number", DIGITS).slotType("colour", COLOUR)
      .sentences("timer.set", "set [a] timer for {number} minutes", "{number} minute timer")
      .sentences("light.colour", "(make|turn) the light {colour}")
      .sentences("timer.cancel", "cancel [the] timer")
      .build();

  @Test
  void readsTheIntentAndItsSlots() {
    Intent i = match("set a timer for 5 minutes").orElseThrow();
    assertThat(i.name()).isEqualTo("timer.set");
    assertThat(i.slots()).isEqualTo(Map.of("number", 5));
    assertThat(i.confidence()).isEqualTo(1.0);
    assertThat(i.template().source()).isEqualTo("set [a] timer for {number} minutes");
  }

  @Test
  void fillersMayStandAnywhereAtNextToNoCost() {
    Intent i = match("um set the timer for uh 5 minutes please").orElseThrow();
    assertThat(i.name()).isEqualTo("timer.set");
    assertThat(i.confidence()).isGreaterThan(0.99).isLessThan(1.0);
  }

  @Test
  void aPluralOrSingularCostsALittleConfidence() {
    Intent i = match("5 minutes timer").orElseThrow();
    assertThat(i.name()).isEqualTo("timer.set");
    assertThat(i.confidence()).isEqualTo(1 - IntentMatcher.PLURAL_COST);
    assertThat(match("cancel the timers")).map(Intent::name).contains("timer.cancel");
  }

  @Test
  void aSlotsNearMissLowersTheConfidenceByItsDoubt() {
    Intent i = match("make the light read").orElseThrow();
    assertThat(i.slots()).isEqualTo(Map.of("colour", "red"));
    assertThat(i.confidence()).isEqualTo(0.7);
  }

  @Test
  void aWordHeardAsAnotherCostsMoreThanAPlural() {
    IntentMatcher m = IntentMatcher.builder().slotType("number", DIGITS)
        .sentences("sum", "what is {a:number} plus {b:number}").build();
    Intent heard = m.match(List.of("what", "in", "2", "plus", "1")).orElseThrow();
    assertThat(heard.slots()).isEqualTo(Map.of("a", 2, "b", 1));
    assertThat(heard.confidence()).isCloseTo(1 - IntentMatcher.HEARD_AS_COST, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(IntentMatcher.HEARD_AS_COST).isGreaterThan(IntentMatcher.PLURAL_COST);
    assertThat(m.match(List.of("what", "on", "2", "plus", "1"))).isEmpty(); // only the words measured
  }

  @Test
  void aTemplateNamingTheHeardWordWinsOverReadingItAsAnother() {
    IntentMatcher m = IntentMatcher.builder().sentences("is", "what is that").sentences("in", "what in that").build();
    assertThat(m.match(List.of("what", "in", "that"))).map(Intent::name).contains("in");
  }

  @Test
  void slotsThatMakeNoSenseTogetherMakeNoMatch() {
    IntentMatcher m = IntentMatcher.builder().slotType("colour", COLOUR)
        .sentences("mix", "mix {a:colour} with {b:colour}")
        .sensibleWhen("mix", slots -> !slots.get("a").equals(slots.get("b"))).build();
    assertThat(m.match(List.of("mix", "red", "with", "blue"))).isPresent();
    assertThat(m.match(List.of("mix", "red", "with", "red"))).isEmpty();
  }

  @Test
  void everyWordMustBeAccountedFor() {
    assertThat(match("set a timer for 5 minutes and play music")).isEmpty();
    assertThat(match("cancel the timer app")).isEmpty();
    assertThat(match("set a timer for five minutes")).as("'five' is no digit").isEmpty();
    assertThat(match("the")).isEmpty();
    assertThat(match("")).isEmpty();
  }

  @Test
  void aWordATemplateNamesIsNotSkippedAsAFiller() {
    IntentMatcher m = IntentMatcher.builder().sentences("a", "the end").sentences("b", "end").build();
    assertThat(m.match(List.of("the", "end"))).map(Intent::name).contains("a");
    assertThat(m.match(List.of("end"))).map(Intent::name).contains("b");
  }

  @Test
  void ofEqualMatchesTheTemplateDeclaredFirstWins() {
    IntentMatcher m = IntentMatcher.builder().sentences("first", "stop").sentences("second", "stop").build();
    assertThat(m.match(List.of("stop"))).map(Intent::name).contains("first");
  }

  @Test
  void aTemplateWithAnUndeclaredSlotTypeFailsAtBuild() {
    assertThatThrownBy(() -> IntentMatcher.builder().sentences("x", "wait {duration}").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uses the slot type 'duration', which no skill declares");
  }

  @Test
  void aSlotPhraseWithAnUndeclaredSlotTypeFailsAtBuild() {
    SlotType duration = new SlotType() {
      @Override
      public List<Reading> read(List<String> words, int start) {
        return List.of();
      }

      @Override
      public List<String> phrases() {
        return List.of("{number} minutes");
      }
    };
    assertThatThrownBy(() -> IntentMatcher.builder().slotType("duration", duration).sentences("x", "wait {duration}")
        .build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slot type 'duration' has the phrase \"{number} minutes\", which uses the slot type 'number'");
  }

  @Test
  void manyOptionalPartsStayBounded() {
    StringBuilder t = new StringBuilder("go");
    for (int i = 0; i < 30; i++) t.append(" [the|a|an]");
    IntentMatcher m = IntentMatcher.builder().sentences("go", t.toString()).build();
    List<String> words = new ArrayList<>(List.of("go"));
    for (int i = 0; i < 30; i++) words.add("the");
    words.add("now");
    assertThat(m.match(words)).map(Intent::name).contains("go");
  }

  private Optional<Intent> match(String text) {
    return matcher.match(text.isEmpty() ? List.of() : List.of(text.split(" ")));
  }
}
