package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import dev.hearth.timer.Timers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The built-in offline skills as one responder: new conversation, repeat, help, timers, time, dates, arithmetic,
 * unit conversions, the shopping and to-do lists, and small talk. Each declares its sentence templates; one
 * {@link IntentMatcher} finds the intent in the
 * words, and the skill that declared it answers. Answers at once without streaming; declines (empty) when no
 * template takes the words, so the next responder in the brain's chain gets them.
 */
public final class Skills implements Responder {
  /** The {@link Reply#source()} of every skill reply. */
  public static final String SOURCE = "skill";

  private final IntentMatcher matcher;
  private final Map<String, Skill> byIntent = new HashMap<>();

  /** Skills with timers kept by {@code timers} and nothing else of the household's. */
  public Skills(Timers timers) {
    this(Household.timers(timers));
  }

  /** Skills that keep and change what {@code household} holds. */
  public Skills(Household household) {
    this(List.of(new NewConversationSkill(), new RepeatSkill(), new HelpSkill(), new StopSkill(household.ringing()),
        new TimerSkill(household.timers(), household.ringing()), new AlarmSkill(household.alarms(), household.ringing()),
        new TimeSkill(), new DateSkill(), new ArithmeticSkill(), new ConversionSkill(), new ListSkill(household.lists()),
        new SmallTalkSkill()));
  }

  /** The skills for understanding words only (the command benchmark, the skills page): none may answer. */
  public static Skills withoutTimers() {
    return new Skills(Household.none());
  }

  /** The skills, in order: of two templates that match equally well, the earlier skill's wins. */
  Skills(List<Skill> skills) {
    IntentMatcher.Builder sentences = IntentMatcher.builder();
    for (Skill skill : skills) {
      int before = sentences.size();
      skill.declare(sentences);
      for (IntentMatcher.Sentence s : sentences.declared().subList(before, sentences.size())) {
        Skill other = byIntent.putIfAbsent(s.intent(), skill);
        if (other != null && other != skill) throw new IllegalArgumentException("two skills declare " + s.intent());
      }
    }
    this.matcher = sentences.build();
  }

  /** Every template of every skill, with the slot types they use. */
  public IntentMatcher matcher() {
    return matcher;
  }

  @Override
  public boolean answersAtOnce() {
    return true;
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) {
    return understand(request.text()).flatMap(intent -> byIntent.get(intent.name()).answer(intent, request));
  }

  /** Words a template takes are a command: the responders after the skills need not prepare for them. */
  @Override
  public boolean anticipate(BrainRequest heardSoFar) {
    return understand(heardSoFar.text()).isPresent();
  }

  /** The intent in {@code text}, if a template takes its words. */
  public Optional<Intent> understand(String text) {
    return matcher.match(Utterance.of(text).tokens());
  }
}
