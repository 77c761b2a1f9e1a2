package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.util.Optional;
import java.util.regex.Pattern;

/** Moves the session to a fresh conversation: "start a new conversation", "let's start over". */
final class NewConversationSkill implements Skill {
  static final String TEXT = "Okay, starting a new conversation.";

  private static final Pattern ASK = Pattern.compile(String.join("|",
      "(?:start|begin|open|have)(?: a)? new (?:conversation|chat|topic|session)",
      "new (?:conversation|chat|topic|session)",
      "(?:let us |lets )?start (?:over|again|afresh|fresh)(?: please)?",
      "forget (?:this|the|our|that|everything in this) (?:conversation|chat)",
      "(?:reset|clear|restart)(?: the| this| our)? (?:conversation|chat|history)"));

  @Override
  public Optional<Reply> answer(Utterance utterance, BrainRequest request) {
    if (!utterance.matches(ASK)) return Optional.empty();
    return Optional.of(new Reply(TEXT, Skills.SOURCE, Reply.Action.NEW_CONVERSATION));
  }
}
