package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.ContextTurn;
import dev.hearth.brain.ContextTurn.Role;
import dev.hearth.brain.Reply;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, repeat and new conversation: the skills about the conversation itself. */
class ConversationSkillsTest {
  private static final List<ContextTurn> CONTEXT = List.of(
      new ContextTurn(Role.USER, "what time is it"), new ContextTurn(Role.ASSISTANT, "It's 7:42 PM."),
      new ContextTurn(Role.USER, "thanks"));

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"help", "What can you do?", "what else can you do", "what can i ask you",
      "can you help", "what are your skills"})
  void helpListsTheSkills(String text) {
    assertThat(ask(new HelpSkill(), text, List.of())).hasValueSatisfying(reply -> {
      assertThat(reply.text()).isEqualTo(HelpSkill.TEXT).contains("Timers and alarms", "lists", "arithmetic", "unit conversions");
      assertThat(reply.action()).isEqualTo(Reply.Action.NONE);
    });
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"help me with my homework", "can you help me write a poem", "what can you tell me about cats",
      "i need help"})
  void helpLeavesOtherQuestionsAlone(String text) {
    assertThat(ask(new HelpSkill(), text, List.of())).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"say that again", "repeat that", "what did you say", "could you repeat that please",
      "Say it again!", "pardon", "i didn't catch that"})
  void repeatSaysTheLastReplyAgain(String text) {
    assertThat(ask(new RepeatSkill(), text, CONTEXT)).map(Reply::text).contains("It's 7:42 PM.");
  }

  @Test
  void repeatWithNothingSaidYet() {
    List<ContextTurn> onlyUser = List.of(new ContextTurn(Role.USER, "hello"));
    assertThat(ask(new RepeatSkill(), "say that again", onlyUser)).map(Reply::text)
        .contains("I haven't said anything yet.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"repeat after me hello", "what did you say about the weather", "say something"})
  void repeatLeavesOtherQuestionsAlone(String text) {
    assertThat(ask(new RepeatSkill(), text, CONTEXT)).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"start a new conversation", "new conversation", "let's start over", "Let's start over.",
      "forget this conversation", "start over", "reset the conversation"})
  void newConversationAsksTheSessionToStartAFreshOne(String text) {
    assertThat(ask(new NewConversationSkill(), text, CONTEXT)).contains(
        new Reply("Okay, starting a new conversation.", "skill", Reply.Action.NEW_CONVERSATION));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"a new conversation starter", "how do i start a conversation", "start over the music"})
  void newConversationLeavesOtherRequestsAlone(String text) {
    assertThat(ask(new NewConversationSkill(), text, CONTEXT)).isEmpty();
  }

  private static Optional<Reply> ask(Skill skill, String text, List<ContextTurn> context) {
    BrainRequest request = new BrainRequest(text, "c1", context, ZonedDateTime.now());
    return new Skills(List.of(skill)).respond(request, delta -> { });
  }
}
