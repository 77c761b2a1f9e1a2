package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import java.util.Optional;

/** Moves the session to a fresh conversation: "start a new conversation", "let's start over". */
final class NewConversationSkill implements Skill {
  static final String TEXT = "Okay, starting a new conversation.";

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.sentences("conversation.new",
        "[start|begin|open|have] new (conversation|chat|topic|session)",
        "[let us|lets] start (over|again|afresh|fresh)",
        "forget (this|the|our|that|everything in this) (conversation|chat)",
        "(reset|clear|restart) [this|our] (conversation|chat|history)");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    return Optional.of(new Reply(TEXT, Skills.SOURCE, Reply.Action.NEW_CONVERSATION));
  }
}
