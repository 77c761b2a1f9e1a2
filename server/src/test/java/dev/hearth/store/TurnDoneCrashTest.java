package dev.hearth.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code turn_done} was sent before the turn's reply was committed, so killing the server the moment the
 * client read {@code turn_done} lost the reply (11 of 20 turns). Each cycle starts a real server process over the
 * same data folder, asks one question (typed, or spoken on every other cycle), kills the process with SIGKILL from the
 * client's socket thread as {@code turn_done} arrives, and checks the database: the reply is there and
 * {@code PRAGMA integrity_check} is ok. Then a few cycles kill at random moments while questions keep coming.
 *
 * <p>CI runs a few cycles; {@code scripts/crash-test [CYCLES]} runs more, against the built jar through
 * {@code ./hearth run} ({@code -Dhearth.crash.launcher}). Settings: {@code hearth.crash.cycles} (kills at
 * {@code turn_done}), {@code hearth.crash.random_cycles}, {@code hearth.crash.seed}.
 */
@Tag("model")
class TurnDoneCrashTest {
  @TempDir Path dir;

  @Test
  void repliesAnnouncedByTurnDoneSurviveKill9() throws Exception {
    int atTurnDone = Integer.getInteger("hearth.crash.cycles", 2);
    int atRandom = Integer.getInteger("hearth.crash.random_cycles", 1);
    long seed = Long.getLong("hearth.crash.seed", System.nanoTime());
    String launcher = System.getProperty("hearth.crash.launcher", "");
    Path log = dir.resolve("TurnDoneCrashTest-servers.log");
    Files.createFile(log);
    System.out.println("crash cycles: " + atTurnDone + " at turn_done, " + atRandom + " at random (seed " + seed + "), "
        + (launcher.isEmpty() ? "server from the test classpath" : "server from " + launcher));
    List<CrashCycles.Result> results = new ArrayList<>();
    try (CrashCycles crash = new CrashCycles(settings -> launcher.isEmpty() ? childCommand(settings)
        : launcherCommand(launcher, settings), dir.resolve("data"), log, Wav.read(TestData.home().resolve(
            "testdata/skills/what_time.wav")), seed)) {
      for (int i = 1; i <= atTurnDone + atRandom; i++) {
        CrashCycles.Result r = crash.run(i, i <= atTurnDone ? CrashCycles.Moment.TURN_DONE : CrashCycles.Moment.RANDOM);
        System.out.println(r);
        results.add(r);
      }
    } catch (AssertionError | Exception e) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      System.out.println("the servers' output, last 40 lines:");
      lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
      throw e;
    }
    int announced = results.stream().mapToInt(CrashCycles.Result::announced).sum();
    int lost = results.stream().mapToInt(CrashCycles.Result::lost).sum();
    long intact = results.stream().filter(r -> r.integrity().equals("ok")).count();
    System.out.printf("crash test: %d of %d announced replies lost; integrity ok after %d of %d kills%n", lost, announced,
        intact, results.size());
    assertThat(results).as("every cycle kept its announced replies and an intact database")
        .allMatch(CrashCycles.Result::ok);
    assertThat(results.stream().filter(r -> r.moment() == CrashCycles.Moment.TURN_DONE))
        .as("each kill at turn_done came after a reply was announced").allMatch(r -> r.announced() == 1);
  }

  /** A real server from the test classpath, with the launcher's heap limit. */
  private static List<String> childCommand(Map<String, String> settings) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dhearth.home=" + System.getProperty("hearth.home"), "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), CrashServer.class.getName()));
    settings.forEach((k, v) -> command.add(k + "=" + v));
    return command;
  }

  /** The built server through the launcher, {@code ./hearth run --set key=value ...}. */
  private static List<String> launcherCommand(String launcher, Map<String, String> settings) {
    List<String> command = new ArrayList<>(List.of(launcher, "run"));
    settings.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
    return command;
  }
}
