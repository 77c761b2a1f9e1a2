package dev.hearth.brain.skills;

import dev.hearth.lists.Lists;
import dev.hearth.timer.Alarms;
import dev.hearth.timer.Ringing;
import dev.hearth.timer.Timers;

/**
 * What the skills keep and change for the household: its timers, alarms, lists, and whatever is ringing now. Any
 * may be null where a front end has none (the stateless OpenAI-compatible API, the command benchmark); the skill
 * that needs it then says it cannot do that here.
 */
public record Household(Timers timers, Alarms alarms, Lists lists, Ringing ringing) {

  /** Nothing kept: the skills understand words and answer what needs no state. */
  public static Household none() {
    return new Household(null, null, null, null);
  }

  /** Timers only. */
  public static Household timers(Timers timers) {
    return new Household(timers, null, null, null);
  }
}
