package dev.hearth.brain.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {
  @Test
  void parsesWordsAlternativesOptionalPartsAndSlots() {
    Template t = Template.parse("(set|start) [a|an] {duration} [{name:timer_name}] timer");
    assertThat(t.root()).isEqualTo(new Template.Sequence(List.of(
        new Template.Choice(List.of(new Template.Word("set"), new Template.Word("start")), false),
        new Template.Choice(List.of(new Template.Word("a"), new Template.Word("an")), true),
        new Template.SlotRef("duration", "duration"),
        new Template.Choice(List.of(new Template.SlotRef("name", "timer_name")), true),
        new Template.Word("timer"))));
    assertThat(t.slots()).containsExactly(new Template.SlotRef("duration", "duration"),
        new Template.SlotRef("name", "timer_name"));
  }

  @Test
  void nestsAlternativesInsideOptionalParts() {
    Template t = Template.parse("how long [(on|for) the timer]");
    Template.Sequence root = (Template.Sequence) t.root();
    Template.Choice optional = (Template.Choice) root.parts().get(2);
    assertThat(optional.optional()).isTrue();
    assertThat(optional.alternatives()).singleElement().isInstanceOf(Template.Sequence.class);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = ';', value = {
      "set (a|an timer;column 16: expected ')'",
      "set [a timer;column 13: expected ']'",
      "set {duration timer;column 5: expected '}'",
      "set {Duration};column 5: a slot is {type} or {name:type}",
      "set (a||an);column 8: an empty alternative",
      "Set a timer;column 4: words are lowercase: 'Set'",
      "set a timer!;column 12: unexpected '!'",
      "what time is it;",
      "set|start;a template's top level has no alternatives"})
  void aMalformedTemplateFailsNamingTheColumn(String source, String message) {
    if (message == null) {
      assertThat(Template.parse(source).source()).isEqualTo(source);
      return;
    }
    assertThatThrownBy(() -> Template.parse(source)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template \"" + source + "\"").hasMessageContaining(message);
  }
}
