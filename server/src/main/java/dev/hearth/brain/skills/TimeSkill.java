package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Says the local time of the request: "what time is it" → "It's 7:42 PM." */
final class TimeSkill implements Skill {
  private static final Pattern ASK = Pattern.compile(String.join("|",
      "what time is it(?: now| right now)?",
      "what is the(?: current)? time(?: now| right now)?",
      "(?:tell me|give me|do you know) the(?: current)? time(?: now| right now)?",
      "(?:tell me|do you know|can you tell me) what time it is(?: now| right now)?",
      "what time do you have",
      "(?:the |current )?time(?: now)?"));
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

  @Override
  public Optional<Reply> answer(Utterance utterance, BrainRequest request) {
    if (!utterance.matches(ASK)) return Optional.empty();
    return Skill.say("It's " + request.now().format(CLOCK) + ".");
  }
}
