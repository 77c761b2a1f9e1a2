package dev.hearth.app;

import dev.hearth.brain.skills.SkillsDoc;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "skills", mixinStandardHelpOptions = true,
    description = "Print what the built-in skills understand (docs/skills.md), from their sentence templates.")
final class SkillsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.print(SkillsDoc.markdown());
    return 0;
  }
}
