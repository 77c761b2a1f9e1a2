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
}
