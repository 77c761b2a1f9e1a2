package dev.hearth;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape of the code base: packages that depend on each other one way only, and files short enough to read. */
class ArchitectureTest {
  private static final List<String> WEB_TEXT = List.of(".js", ".mjs", ".css", ".html", ".svg", ".json", ".webmanifest");

  /**
   * Issue 16: {@code store} and {@code timer}, {@code web} and {@code protocols.openaiapi} imported each other. Every
   * package of the server is its own slice (subpackages too), and no chain of dependencies may lead back to its start.
   */
  @Test
  void noPackageDependsOnItselfThroughOthers() {
    // the compiled main classes only (the tests run in the server module's folder), not the libraries' jars
    JavaClasses main = new ClassFileImporter().importPath(Path.of("target/classes"));
    assertThat(main).as("the server's classes").hasSizeGreaterThan(100);

    slices().matching("dev.hearth.(**)").namingSlices("$1").should().beFreeOfCycles().check(main);
  }

  @Test
  void noServerSourceOver300LinesAndNoPageFileOver400() throws IOException {
    List<String> tooLong = new ArrayList<>(longerThan(Path.of("src/main/java"), 300, List.of(".java")));
    tooLong.addAll(longerThan(Path.of("../web"), 400, WEB_TEXT));
    assertThat(tooLong).as("files over 300 lines in server/src/main/java or over 400 in web/").isEmpty();
  }

  /** The text files under {@code root} with more than {@code maxLines} lines, as "path: N lines". */
  private static List<String> longerThan(Path root, int maxLines, List<String> endings) throws IOException {
    assertThat(root).as("source folder").isDirectory();
    List<String> tooLong = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (file.toString().contains("node_modules") || endings.stream().noneMatch(name::endsWith)) continue;
        long lines;
        try (Stream<String> text = Files.lines(file)) {
          lines = text.count();
        }
        if (lines > maxLines) tooLong.add(file + ": " + lines + " lines");
      }
    }
    return tooLong;
  }
}
