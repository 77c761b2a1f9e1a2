package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.util.Optional;
import java.util.regex.Pattern;

/** Repeats the assistant's last reply in this conversation: "say that again", "what did you say". */
final class RepeatSkill implements Skill {
  private static final Pattern ASK = Pattern.compile(String.join("|",
      "(?:say|repeat) (?:that|it|this)(?: again)?(?: one more time)?",
      "repeat(?: yourself)?",
      "say (?:it )?again",
      "what did you (?:just )?say",
      "come again",
      "pardon(?: me)?",
      "(?:sorry|i am sorry) what",
      "i (?:didnt|did not) (?:catch|hear|get|understand) (?:that|it|you)"));

  @Override
  public Optional<Reply> answer(Utterance utterance, BrainRequest request) {
    if (!utterance.matches(ASK)) return Optional.empty();
    return Skill.say(request.lastAssistantReply().orElse("I haven't said anything yet."));
  }
}
