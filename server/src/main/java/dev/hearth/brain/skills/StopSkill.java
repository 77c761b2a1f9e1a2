package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import dev.hearth.timer.Ringing;
import java.util.List;
import java.util.Optional;

/**
 * "Stop", "never mind", "cancel", "be quiet": silences whatever is ringing (a timer that went off, an alarm), and
 * otherwise ends the exchange in a word. Pressing to speak already cut off the answer that was playing, so the
 * short reply is all that is left of it.
 */
final class StopSkill implements Skill {
  private final Ringing ringing;

  StopSkill(Ringing ringing) {
    this.ringing = ringing;
  }

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.sentences("stop",
        "(stop|cancel|enough|silence|quiet) [it|that|this] [now]",
        "(stop|quit) (ringing|talking|it)",
        "(turn|switch|shut) (it|that) off",
        "(never mind|nevermind|forget it|forget about it)",
        "(be quiet|shut up|hush|dismiss)",
        "(stop|silence|dismiss) [the] (ringing|noise|beeping)",
        "(turn|switch) off the (ringing|noise|beeping)");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    List<Ringing.Ring> stopped = ringing == null ? List.of() : ringing.stopAll(null);
    if (stopped.isEmpty()) return Skill.say("Okay.");
    boolean alarm = stopped.stream().anyMatch(r -> r.kind().equals("alarm"));
    boolean timer = stopped.stream().anyMatch(r -> r.kind().equals("timer"));
    if (alarm && timer) return Skill.say("Okay, stopped.");
    return Skill.say(alarm ? "Okay, alarm off." : "Okay, timer off.");
  }
}
