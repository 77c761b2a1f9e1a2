package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Says the local time of the request: "what time is it" → "It's 7:42 PM." */
final class TimeSkill implements Skill {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.sentences("time.now",
        "what time is it [right now]",
        "what is the [current] time [right now]",
        "(tell me|give me|do you know) the [current] time [right now]",
        "(tell me|do you know) what time it is [right now]",
        "what time do you have",
        "[current] time");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    return Skill.say("It's " + request.now().format(CLOCK) + ".");
  }
}
