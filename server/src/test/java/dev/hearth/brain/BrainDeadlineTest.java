package dev.hearth.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BrainDeadlineTest {
  private static BrainRequest pastItsDeadline(String text) {
    return new BrainRequest(text, "c1", List.of(), ZonedDateTime.now(), () -> false, "this machine", System.nanoTime() - 1, null);
  }

  /** A responder that answers {@code answer} to everything, at once or not, and counts its calls. */
  private static final class Counting implements Responder {
    final AtomicInteger calls = new AtomicInteger();
    private final String source;
    private final boolean atOnce;

    Counting(String source, boolean atOnce) {
      this.source = source;
      this.atOnce = atOnce;
    }

    @Override
    public String source() {
      return source;
    }

    @Override
    public boolean answersAtOnce() {
      return atOnce;
    }

    @Override
    public Optional<Reply> respond(BrainRequest request, java.util.function.Consumer<String> deltas) {
      calls.incrementAndGet();
      return request.text().startsWith(source) ? Optional.of(Reply.of(source + " answered", source)) : Optional.empty();
    }
  }

  /** Issue 15: a responder that waits for a model or the network was still asked after the turn's deadline. */
  @Test
  void afterTheDeadlineOnlyTheRespondersThatAnswerAtOnceAndTheLastAreAsked() throws Exception {
    Counting skills = new Counting("skill", true);
    Counting openai = new Counting("openai", false);
    Counting fallback = new Counting("", false);
    Brain brain = new Brain(List.of(skills, openai, fallback));

    assertThat(brain.answer(pastItsDeadline("skill: what time is it"), d -> {}).source()).isEqualTo("skill");
    assertThat(brain.answer(pastItsDeadline("openai: the capital of France"), d -> {}).source()).isEqualTo("");
    assertThat(openai.calls.get()).isZero();
    assertThat(skills.calls.get()).isEqualTo(2);
  }
}
