package dev.hearth.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VoskResultTest {
  @Test
  void oneUtterancesReadingsAreItsAlternativesBestFirst() throws Exception {
    VoskResult one = VoskResult.parse("{\"alternatives\": [{\"text\": \"set a timer\", \"confidence\": 120.5},"
        + " {\"text\": \"set the timer\", \"confidence\": 118.0}, {\"text\": \"said a timer\", \"confidence\": 117.2}]}");
    assertThat(VoskResult.readings(List.of(one))).containsExactly("set a timer", "set the timer", "said a timer");
  }

  @Test
  void utterancesSplitByAPauseAreOneReadingWithoutAlternatives() throws Exception {
    VoskResult first = VoskResult.parse("{\"alternatives\": [{\"text\": \"add milk\", \"confidence\": 90},"
        + " {\"text\": \"at milk\", \"confidence\": 88}]}");
    VoskResult empty = VoskResult.parse("{\"text\": \"\"}");
    VoskResult second = VoskResult.parse("{\"text\": \"to the list\"}");
    assertThat(VoskResult.readings(List.of(first, empty, second))).containsExactly("add milk to the list");
    assertThat(VoskResult.readings(List.of())).containsExactly("");
  }
}
