package dev.hearth.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeavingTimeTest {
  private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-11-21T08:00:00Z");

  private static BrainRequest dueIn(long millis) {
    return new BrainRequest("hello", "c1", List.of(), NOW, () -> false, "this machine", System.nanoTime() + millis * 1_000_000, null);
  }

  @Test
  void aModelThatHasNotBegunWhenOnlyTheReserveIsLeftGivesWay() {
    FakeChatModel model = new FakeChatModel("Too ", "late.").delayMillis(300);
    Responder local = new LeavingTime(new LocalModelResponder(model, ""), () -> 400, "openai");
    assertThatThrownBy(() -> local.respond(dueIn(600), d -> {})).isInstanceOf(ResponderUnavailable.class)
        .hasMessage("the model fake had not begun by the deadline, 400 ms before the turn's, left to openai");
  }

  @Test
  void withoutAReserveTheModelHasTheWholeDeadline() throws Exception {
    FakeChatModel model = new FakeChatModel("In ", "time.").delayMillis(300);
    Responder local = new LeavingTime(new LocalModelResponder(model, ""), () -> 0, "openai");
    assertThat(local.respond(dueIn(600), d -> {})).get().extracting(Reply::text).isEqualTo("In time.");
    assertThat(local.source()).isEqualTo("llm");
  }

  @Test
  void otherFailuresKeepTheirOwnReason() {
    FakeChatModel model = new FakeChatModel("x").failWith(new IllegalStateException("out of memory"));
    Responder local = new LeavingTime(new LocalModelResponder(model, ""), () -> 400, "openai");
    assertThatThrownBy(() -> local.respond(dueIn(5_000), d -> {})).isInstanceOf(ResponderUnavailable.class)
        .hasMessageNotContaining("left to openai").hasMessageContaining("out of memory");
  }
}
