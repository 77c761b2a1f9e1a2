package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import java.util.Optional;

/** Repeats the assistant's last reply in this conversation: "say that again", "what did you say". */
final class RepeatSkill implements Skill {
  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.sentences("conversation.repeat",
        "(say|repeat) (that|it|this) [again] [one more time]",
        "repeat [yourself]",
        "say [it] again",
        "what did you [just] say",
        "come again",
        "pardon [me]",
        "[i am] sorry what",
        "i (didnt|did not) (catch|hear|get|understand) (that|it|you)");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    return Skill.say(request.lastAssistantReply().orElse("I haven't said anything yet."));
  }
}
