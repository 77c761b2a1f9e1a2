package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.skills.Skills;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command corpus is what the skills mean, typed: every request its intent and slots, no open question taken. */
class CommandCorpusTest {
  private static final Path DIR = Path.of(System.getProperty("hearth.home", "..")).resolve("testdata/commands");
  private final Skills skills = Skills.withoutTimers();

  @Test
  void everyTypedRequestIsUnderstoodAsTheCorpusSays() throws Exception {
    CommandCorpus corpus = CommandCorpus.read(DIR);
    assertThat(corpus.requests()).hasSizeGreaterThanOrEqualTo(100);
    for (CommandCorpus.Request r : corpus.requests()) {
      Optional<Intent> intent = skills.understand(r.text());
      assertThat(intent).as("%s \"%s\"", r.id(), r.text()).isPresent();
      assertThat(intent.get().name()).as("%s \"%s\"", r.id(), r.text()).isEqualTo(r.intent());
      assertThat(CommandCorpus.slots(intent.get())).as("%s \"%s\"", r.id(), r.text()).isEqualTo(r.slots());
    }
  }

  @Test
  void noTemplateTakesAnOpenQuestion() throws Exception {
    CommandCorpus corpus = CommandCorpus.read(DIR);
    assertThat(corpus.openQuestions()).hasSize(50);
    for (CommandCorpus.OpenQuestion q : corpus.openQuestions()) {
      assertThat(skills.understand(q.text())).as("%s \"%s\"", q.id(), q.text()).isEmpty();
    }
  }

  @Test
  void slotsAreWrittenAsTheCorpusWritesThem() {
    assertThat(CommandCorpus.render(10.0)).isEqualTo("10");
    assertThat(CommandCorpus.render(2.5)).isEqualTo("2.5");
    assertThat(CommandCorpus.render(300_000L)).isEqualTo("300000");
    assertThat(CommandCorpus.render(java.time.DayOfWeek.MONDAY)).isEqualTo("MONDAY");
    assertThat(CommandCorpus.render("pasta")).isEqualTo("pasta");
  }
}
