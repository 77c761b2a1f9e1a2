package dev.hearth.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.protocols.page.ServerMessage.ReplyFinal;
import dev.hearth.web.WsTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: with an OpenAI that takes the request and never answers, 12 questions blocked the 4 brain threads: one
 * took 9.6 s against an 8 s deadline, and "what time is it", which a skill answers, waited 5.8 s behind them.
 */
class HungOpenAiTest {
  private static final long DEADLINE_MILLIS = 6_000;
  private static final long MARGIN_MILLIS = 2_000;

  @TempDir
  Path data;

  /** Issue 15: every question ends by the deadline, and the skill answers while OpenAI still keeps the others waiting. */
  @Test
  void twelveQuestionsToAHungOpenAiEndByTheDeadlineAndASkillAnswersMeanwhile() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.start().hang()) {
      Hearth hearth = TestServers.start(data, TestServers.merged(TestServers.TEXT_ONLY, Map.of("openai.api_key", FakeOpenAi.KEY,
          "openai.base_url", fake.baseUrl(), "openai.probe_interval_seconds", "0", "openai.client_requests_per_minute", "100",
          "openai.requests_per_minute", "100", "brain.deadline_millis", Long.toString(DEADLINE_MILLIS),
          "openai.timeout_millis", "3000", "server.max_sessions", "32", "server.max_sessions_per_client", "16")));
      List<WsTestClient> clients = new ArrayList<>();
      ExecutorService askers = Executors.newFixedThreadPool(12);
      try {
        List<CompletableFuture<Long>> asked = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          WsTestClient ws = WsTestClient.connect(hearth.port());
          clients.add(ws);
          String question = "what is the capital of country number " + i;
          asked.add(CompletableFuture.supplyAsync(() -> millisToAnswer(ws, question), askers));
        }
        awaitRequests(fake, 4); // as many as the old four brain threads could hold
        try (WsTestClient skill = WsTestClient.connect(hearth.port())) {
          skill.send("{\"type\":\"text\",\"text\":\"what time is it\"}");
          ReplyFinal time = skill.await(ReplyFinal.class, r -> true, Duration.ofSeconds(30));
          assertThat(time.source()).isEqualTo("skill");
          assertThat(asked).as("no question to OpenAI had ended when the skill answered").noneMatch(CompletableFuture::isDone);
        }
        for (CompletableFuture<Long> question : asked) {
          assertThat(question.get(60, TimeUnit.SECONDS)).isLessThanOrEqualTo(DEADLINE_MILLIS + MARGIN_MILLIS);
        }
      } finally {
        askers.shutdownNow();
        clients.forEach(WsTestClient::close);
        hearth.close();
      }
    }
  }

  /** Asks {@code text}; returns how long the final reply took, in milliseconds. */
  private static long millisToAnswer(WsTestClient ws, String text) {
    long start = System.nanoTime();
    ws.send("{\"type\":\"text\",\"text\":\"" + text + "\"}");
    try {
      ws.await(ReplyFinal.class, r -> true, Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void awaitRequests(FakeOpenAi fake, int count) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (fake.received("/chat/completions").size() < count && System.nanoTime() < end) Thread.sleep(20);
    assertThat(fake.received("/chat/completions")).hasSizeGreaterThanOrEqualTo(count);
  }
}
