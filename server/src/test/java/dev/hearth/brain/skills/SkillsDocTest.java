package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SkillsDocTest {
  /** docs/skills.md is the skills' own templates, so what it promises is what Hearth understands. */
  @Test
  void theSkillsPageIsWrittenFromTheTemplates() throws Exception {
    Path file = Path.of(System.getProperty("hearth.home", "..")).resolve("docs/skills.md");
    assertThat(Files.readString(file)).as("docs/skills.md is out of date: run ./hearth skills > docs/skills.md")
        .isEqualTo(SkillsDoc.markdown());
  }

  @Test
  void everyTemplateOfEverySkillIsOnThePage() {
    String page = SkillsDoc.markdown();
    new Skills(new FakeTimers(0)).matcher().sentences()
        .forEach(s -> assertThat(page).contains("`" + s.template().source() + "`"));
  }
}
