package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import java.util.Optional;

/**
 * One built-in ability. It declares what it understands as sentence templates, each meaning one of its intents, and
 * answers the intents the {@link IntentMatcher} finds in a person's words.
 */
interface Skill {

  /** Declares this skill's intents, each with the templates that mean it, and the slot types they use. */
  void declare(IntentMatcher.Builder sentences);

  /** Answers one of this skill's intents; empty when, on a closer look, the skill cannot (the next one gets it). */
  Optional<Reply> answer(Intent intent, BrainRequest request);

  /** A plain spoken reply from the skills responder. */
  static Optional<Reply> say(String text) {
    return Optional.of(Reply.of(text, Skills.SOURCE));
  }
}
