package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import dev.hearth.timer.Timers;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The built-in offline skills as one responder: new conversation, repeat, help, timers, time, date, arithmetic
 * and unit conversions, asked in that order. Answers at once without streaming; declines (empty) when no skill
 * understands the words, so the next responder in the brain's chain gets them.
 */
public final class Skills implements Responder {
  /** The {@link Reply#source()} of every skill reply. */
  public static final String SOURCE = "skill";

  private final List<Skill> skills;

  /** Skills with timers kept by {@code timers}. */
  public Skills(Timers timers) {
    this(List.of(new NewConversationSkill(), new RepeatSkill(), new HelpSkill(), new TimerSkill(timers),
        new TimeSkill(), new DateSkill(), new ArithmeticSkill(), new ConversionSkill()));
  }

  Skills(List<Skill> skills) {
    this.skills = List.copyOf(skills);
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
    Utterance utterance = Utterance.of(request.text());
    if (utterance.tokens().isEmpty()) return Optional.empty();
    for (Skill skill : skills) {
      Optional<Reply> reply = skill.answer(utterance, request);
      if (reply.isPresent()) return reply;
    }
    return Optional.empty();
  }
}
