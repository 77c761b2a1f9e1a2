package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.util.Optional;

/** One built-in ability. Answers only requests it fully understands; anything else is left to the next one. */
interface Skill {

  /** Returns the reply, or empty when the utterance is not meant for this skill. */
  Optional<Reply> answer(Utterance utterance, BrainRequest request);

  /** A plain spoken reply from the skills responder. */
  static Optional<Reply> say(String text) {
    return Optional.of(Reply.of(text, Skills.SOURCE));
  }
}
