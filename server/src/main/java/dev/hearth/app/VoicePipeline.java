package dev.hearth.app;

import dev.hearth.brain.Brain;
import dev.hearth.config.HearthConfig;
import dev.hearth.store.HistoryStore;
import dev.hearth.store.StoreExecutor;
import dev.hearth.turn.BrainStage;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.ClientOutput;
import dev.hearth.turn.HistoryStage;
import dev.hearth.turn.Pipeline;
import dev.hearth.turn.Scheduler;
import dev.hearth.turn.SentenceStage;
import dev.hearth.turn.SttStage;
import dev.hearth.turn.TtsStage;
import dev.hearth.turn.TurnController;
import dev.hearth.web.VoiceSessions;
import java.time.Clock;

/**
 * The voice front end: one session per client (a browser's socket, the machine's own mic and speaker, a satellite),
 * and the voice turn's stages, in order, each on its pool.
 */
final class VoicePipeline {
  private final HearthConfig config;
  private final Models models;
  private final Brain brain;
  private final StoreExecutor<HistoryStore> store;
  private final VoiceSessions hub;
  private final Threads threads;
  private final Clock clock;
  /** Whether the recognizer keeps the turn's audio for OpenAI's audio messages. */
  private final boolean keepAudio;

  VoicePipeline(HearthConfig config, Models models, Brain brain, StoreExecutor<HistoryStore> store, VoiceSessions hub, Threads threads,
      Clock clock, boolean keepAudio) {
    this.config = config;
    this.models = models;
    this.brain = brain;
    this.store = store;
    this.hub = hub;
    this.threads = threads;
    this.clock = clock;
    this.keepAudio = keepAudio;
  }

  /** A new session for a client that talks through {@code link}. */
  TurnController open(ClientLink link) {
    return new TurnController(link, pipeline(link), hub, models.tts().defaultVoice(), System::nanoTime);
  }

  /** The voice turn, stage by stage, for one client's session; the session itself is the last stop. */
  private Pipeline.Builder pipeline(ClientLink link) {
    var brainSettings = new BrainStage.Settings(config.brain().zone(), config.brain().deadlineMillis(), link.client());
    HistoryStage history = new HistoryStage(store, clock, config.brain().contextEvents());
    return Pipeline.builder(System::nanoTime, Scheduler.of(threads.stageTimer))
        .add(new SttStage(models.turnStt(), config.stt().maxUtteranceMillis(), keepAudio), threads.stt)
        .addInline(history.user()) // the conversation, the user's words, and their context for the brain
        .add(new BrainStage(brain, clock, brainSettings), threads.brain)
        .addInline(new SentenceStage())
        .add(new TtsStage(models.tts(), config.tts().leadMillis()), threads.tts)
        .add(new ClientOutput(link), threads.output)
        .addInline(history); // the reply, once its audio was sent; the turn ends when it is stored
  }
}
