package dev.hearth.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {
  @Test
  void passesTextOnAndCutsItWhereAStopStringAppearsEvenAcrossPieces() {
    StopStrings stops = new StopStrings(List.of("\nUser:"));
    StringBuilder out = new StringBuilder();
    for (String piece : List.of("It is sunny", ".\nUs", "er: and tomorrow?")) out.append(stops.accept(piece));
    assertThat(stops.stopped()).isTrue();
    assertThat(out.toString() + stops.finish()).isEqualTo("It is sunny.");
  }

  @Test
  void holdsBackOnlyWhatCouldStartAStopStringAndReleasesItAtTheEnd() {
    StopStrings stops = new StopStrings(List.of("###"));
    assertThat(stops.accept("one two #")).isEqualTo("one two");
    assertThat(stops.accept("#")).isEqualTo(" ");
    assertThat(stops.accept(" three")).isEqualTo("## thr");
    assertThat(stops.finish()).isEqualTo("ee");
    assertThat(stops.stopped()).isFalse();
  }

  @Test
  void withoutStopStringsEverythingPassesAtOnce() {
    StopStrings stops = new StopStrings(List.of());
    assertThat(stops.accept("hello")).isEqualTo("hello");
    assertThat(stops.finish()).isEmpty();
  }
}
