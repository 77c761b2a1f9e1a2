package dev.hearth.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import dev.hearth.bench.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release → first audio heard, measured in the page, over voice turns that a skill answers: the number the
 * LAN page is judged by. A benchmark, not a test: it prints numbers and only fails when a turn fails. Run
 * it with {@code scripts/bench-page} (turns: {@code -Dhearth.bench.turns=N}, default 10).
 */
@Tag("bench")
class PageLatencyBenchmark {

  @Test
  void releaseToFirstAudio(@TempDir Path dir) throws Exception {
    int turns = Integer.getInteger("hearth.bench.turns", 10);
    FakeMicrophone microphone = FakeMicrophone.of(TestData.home().resolve("testdata/skills/what_time.wav"),
        dir.resolve("mic.wav"));
    Hearth server = TestServers.start(dir.resolve("data"), Map.of());
    try (Chromium chromium = Chromium.launch(microphone.file, true);
        HearthPage p = new HearthPage(chromium.browser, 1280, 800).open(PageTest.url(server))) {
      p.awaitIdle();
      microphone.learnPhase(p.page);
      List<Double> page = new ArrayList<>();
      List<Double> serverPart = new ArrayList<>();
      for (int i = 0; i < turns; i++) {
        double onset = microphone.nextOnset(p.page, 800);
        FakeMicrophone.waitUntil(p.page, onset - 500);
        p.pressTalk();
        FakeMicrophone.waitUntil(p.page, onset + microphone.speechMillis + 600);
        p.releaseTalk();
        String turn = "window.hearth.stats.turns[" + i + "]";
        p.awaitTrue(turn + "?.server != null");
        p.awaitIdle();
        assertThat(p.eval(turn + ".transcript")).isEqualTo("what time is it");
        assertThat(p.eval(turn + ".source")).isEqualTo("skill");
        page.add(p.number(turn + ".releaseToFirstAudioMs"));
        serverPart.add(p.number(turn + ".server.first_audio_ms"));
        System.out.printf("turn %2d: release → first audio heard %6.1f ms (server: stop → first audio sent %5.1f ms)%n",
            i + 1, page.get(i), serverPart.get(i));
      }
      Stats heard = Stats.of(page);
      System.out.printf("%nrelease → first audio heard in the page, %d voice turns answered by a skill:%n"
          + "  p50 %.0f ms, p95 %.0f ms, max %.0f ms%n"
          + "server part (stop → first audio frame sent): p50 %.0f ms%n"
          + "playback underruns: %s%n", turns, heard.p50(), heard.p95(), heard.max(), Stats.of(serverPart).p50(),
          p.eval("window.hearth.stats.underruns"));
    } finally {
      server.close();
    }
  }
}
