package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import java.util.Optional;

/** Says what the built-in skills can do: "what can you do", "help". */
final class HelpSkill implements Skill {
  static final String TEXT = "Here's what I can do. Timers and alarms, the time and dates, your shopping and to-do "
      + "lists, arithmetic, and unit conversions. For example, say set a timer for five minutes.";

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.sentences("help",
        "help [me]",
        "what [else] can you do",
        "what can i (ask|say) [you]",
        "what (are you able to|do you know how to) do",
        "what are your (skills|abilities|features|commands)",
        "how do i use (this|you)");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    return Skill.say(TEXT);
  }
}
