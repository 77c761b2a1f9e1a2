package dev.hearth.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.TestTools;
import dev.hearth.audio.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every shell script in the repository (found by its #! line) is clean under shellcheck (.ci/run installs it). */
class ShellcheckTest {
  private static final List<String> SKIP = List.of(".git", "target", "node_modules", "models", ".ci/cache");

  @Test
  void everyScriptIsShellcheckClean() throws Exception {
    TestTools.require(Files.isExecutable(Path.of("/usr/bin/shellcheck")), "shellcheck is not installed here (apt-get install shellcheck)");
    Path home = TestData.home();
    List<String> scripts = new ArrayList<>();
    Files.walkFileTree(home, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String rel = home.relativize(dir).toString();
        boolean skip = SKIP.stream().anyMatch(s -> rel.equals(s) || rel.endsWith("/" + s));
        return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() && isShellScript(file)) scripts.add(home.relativize(file).toString());
        return FileVisitResult.CONTINUE;
      }
    });
    assertThat(scripts).contains("hearth", ".ci/run", "deploy-pi/install.sh", "deploy-pi/uninstall.sh", "deploy-pi/hearth");
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
