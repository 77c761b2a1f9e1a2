package dev.hearth.brain.chain;

import dev.hearth.brain.ChatModel;
import dev.hearth.brain.LeavingTime;
import dev.hearth.brain.LocalModelResponder;
import dev.hearth.brain.Responder;
import dev.hearth.brain.skills.Household;
import dev.hearth.brain.skills.OfflineFallback;
import dev.hearth.brain.skills.Skills;
import dev.hearth.config.BrainConfig;
import dev.hearth.openai.OpenAi;
import dev.hearth.openai.OpenAiResponder;
import dev.hearth.timer.Timers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which responders answer, in which order (the brain's fallback policy): the skills first; then the local model and
 * OpenAI, those present, in the order of {@code brain.order}; then the offline fallback, which always answers.
 * Local-first, the local model must begin early enough to leave OpenAI its time ({@link OpenAi#reserveMillis});
 * OpenAI-first, OpenAI gives way after {@code openai.timeout_millis}. Without a model or a key the chain simply has
 * fewer providers: configuration decides, not the stage that asks.
 */
public final class ResponderChain {
  private final BrainConfig config;
  private final Optional<ChatModel> local;
  private final Optional<OpenAi> openai;

  /**
   * @param local the local language model, when one is loaded
   * @param openai the online services, when a key is configured
   */
  public ResponderChain(BrainConfig config, Optional<ChatModel> local, Optional<OpenAi> openai) {
    this.config = config;
    this.local = local;
    this.openai = openai;
  }

  /** The chain for skills that keep their timers in {@code timers} and nothing else, with models told {@code systemPrompt}. */
  public List<Responder> build(Timers timers, String systemPrompt) {
    return build(Household.timers(timers), systemPrompt);
  }

  /** The chain for skills that keep and change what {@code household} holds. */
  public List<Responder> build(Household household, String systemPrompt) {
    List<Responder> providers = new ArrayList<>();
    if (local.isPresent()) {
      Responder model = new LocalModelResponder(local.get(), systemPrompt);
      if (openai.isPresent() && !config.openAiFirst()) {
        long deadline = config.deadlineMillis();
        OpenAi online = openai.get();
        model = new LeavingTime(model, () -> online.reserveMillis(deadline), OpenAiResponder.SOURCE);
      }
      providers.add(model);
    }
    openai.ifPresent(o -> providers.add(config.openAiFirst() ? 0 : providers.size(), o.responder(systemPrompt)));
    List<Responder> chain = new ArrayList<>();
    chain.add(new Skills(household));
    chain.addAll(providers);
    chain.add(new OfflineFallback(!providers.isEmpty()));
    return chain;
  }
}
