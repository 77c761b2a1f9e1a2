package dev.hearth.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.brain.ChatModel.ChatMessage;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LocalModelResponderTest {
  private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-11-21T08:00:00Z");

  private static BrainRequest ask(String text, List<ContextTurn> context) {
    return new BrainRequest(text, "c1", context, NOW);
  }

  @Test
  void streamsTheModelsTextAndAnswersWithAllOfIt() throws Exception {
    FakeChatModel model = new FakeChatModel("Paris is ", "the capital ", "of France.");
    List<String> deltas = new ArrayList<>();
    Optional<Reply> reply = new LocalModelResponder(model, "Be brief.").respond(ask("what is the capital of france", List.of()), deltas::add);
    assertThat(deltas).containsExactly("Paris is ", "the capital ", "of France.");
    assertThat(reply).get().extracting(Reply::text, Reply::source).containsExactly("Paris is the capital of France.", "llm");
  }

  @Test
  void theModelSeesTheSystemPromptThenTheConversationThenTheQuestion() throws Exception {
    FakeChatModel model = new FakeChatModel("Four.");
    new LocalModelResponder(model, "Be brief.").respond(ask("and plus two", List.of(
        new ContextTurn(ContextTurn.Role.USER, "what is one plus one"),
        new ContextTurn(ContextTurn.Role.ASSISTANT, "Two."))), d -> {});
    assertThat(model.calls).containsExactly(List.of(ChatMessage.system("Be brief."), ChatMessage.user("what is one plus one"),
        ChatMessage.assistant("Two."), ChatMessage.user("and plus two")));
  }

  @Test
  void aBlankSystemPromptIsLeftOut() throws Exception {
    FakeChatModel model = new FakeChatModel("Hi.");
    new LocalModelResponder(model, " ").respond(ask("hello", List.of()), d -> {});
    assertThat(model.calls.get(0)).containsExactly(ChatMessage.user("hello"));
  }

  @Test
  void aFailingModelIsUnavailableSoTheNextResponderAnswers() {
    FakeChatModel model = new FakeChatModel("never").failWith(new IllegalStateException("out of memory"));
    assertThatThrownBy(() -> new LocalModelResponder(model, "").respond(ask("hello", List.of()), d -> {}))
        .isInstanceOf(ResponderUnavailable.class).hasMessageContaining("out of memory");
  }

  @Test
  void aModelThatWritesNothingIsUnavailable() {
    FakeChatModel model = new FakeChatModel("  ");
    assertThatThrownBy(() -> new LocalModelResponder(model, "").respond(ask("hello", List.of()), d -> {}))
        .isInstanceOf(ResponderUnavailable.class).hasMessageContaining("wrote nothing");
  }

  @Test
  void aModelThatHasNotBegunByTheDeadlineGivesWay() {
    FakeChatModel model = new FakeChatModel("Too ", "late.").delayMillis(300);
    BrainRequest request = new BrainRequest("hello", "c1", List.of(), NOW, () -> false, "this machine",
        System.nanoTime() + 100_000_000L, null);
    assertThatThrownBy(() -> new LocalModelResponder(model, "").respond(request, d -> {}))
        .isInstanceOf(ResponderUnavailable.class).hasMessageContaining("had not begun by the deadline");
  }

  @Test
  void aModelThatBeganBeforeTheDeadlineFinishesAfterIt() throws Exception {
    FakeChatModel model = new FakeChatModel("One. ", "Two.").delayMillis(150);
    BrainRequest request = new BrainRequest("count", "c1", List.of(), NOW, () -> false, "this machine",
        System.nanoTime() + 200_000_000L, null);
    assertThat(new LocalModelResponder(model, "").respond(request, d -> {})).get().extracting(Reply::text).isEqualTo("One. Two.");
  }

  @Test
  void aCancelledTurnStopsTheModelAtTheNextPiece() throws Exception {
    FakeChatModel model = new FakeChatModel("One. ", "Two. ", "Three.");
    AtomicBoolean cancelled = new AtomicBoolean();
    List<String> deltas = new ArrayList<>();
    BrainRequest request = new BrainRequest("count", "c1", List.of(), NOW, cancelled::get);
    Optional<Reply> reply = new LocalModelResponder(model, "").respond(request, d -> {
      deltas.add(d);
      cancelled.set(true); // barge-in while the first piece is being spoken
    });
    assertThat(deltas).containsExactly("One. ");
    assertThat(reply).get().extracting(Reply::text).isEqualTo("One.");
  }
}
