package dev.hearth.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.audio.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shell script in the repository (found by its #! line) is clean under shellcheck (.ci/run installs it). */
class ShellcheckTest {
  private static final List<String> SKIP = List.of(".git", "target", "node_modules", "models", ".ci/cache");

  @Test
  void everyScriptIsShellcheckClean() throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/shellcheck"));
    assumeTrue(installed || "true".equals(System.getenv("CI")), "shellcheck is not installed here (apt-get install shellcheck)");
    Path home = TestData.home();
    List<String> scripts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = home.relativize(p).toString();
        if (SKIP.stream().anyMatch(s -> rel.equals(s) || rel.startsWith(s + "/") || rel.contains("/" + s + "/"))) continue;
        if (isShellScript(p)) scripts.add(rel);
      }
    }
    assertThat(scripts).contains("hearth", ".ci/run");
    List<String> command = new ArrayList<>(List.of("/usr/bin/shellcheck"));
    command.addAll(scripts);
    Process check = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
    String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor()).as("shellcheck %s:%n%s", scripts, report).isZero();
  }

  private static boolean isShellScript(Path p) throws IOException {
    try (var in = Files.newInputStream(p)) {
      byte[] head = in.readNBytes(32);
      String first = new String(head, StandardCharsets.ISO_8859_1);
      return first.startsWith("#!/usr/bin/env bash") || first.startsWith("#!/bin/bash") || first.startsWith("#!/bin/sh");
    }
  }
}
