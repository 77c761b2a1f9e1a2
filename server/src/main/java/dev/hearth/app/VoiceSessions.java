package dev.hearth.app;

import dev.hearth.brain.Brain;
import dev.hearth.config.HearthConfig;
import dev.hearth.store.StoreExecutor;
import dev.hearth.turn.BrainStage;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.ClientOutput;
import dev.hearth.turn.Frame;
import dev.hearth.turn.HistoryStage;
import dev.hearth.turn.Pipeline;
import dev.hearth.turn.SentenceStage;
import dev.hearth.turn.SttStage;
import dev.hearth.turn.TtsStage;
import dev.hearth.turn.TurnController;
import dev.hearth.web.SessionHub;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The voice front end: one session per client (a browser's socket, the machine's own mic and speaker, a satellite),
 * and the voice turn's stages, in order, each on its pool.
 */
final class VoiceSessions {
  private final HearthConfig config;
  private final Models models;
  private final Brain brain;
  private final StoreExecutor store;
  private final SessionHub hub;
  private final Threads threads;
  private final Clock clock;
  /** Whether the recognizer keeps the turn's audio for OpenAI's audio messages. */
  private final boolean keepAudio;

  VoiceSessions(HearthConfig config, Models models, Brain brain, StoreExecutor store, SessionHub hub, Threads threads,
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
    String client = link.client();
    return new TurnController(link, (output, errors) -> pipeline(output, errors, client), hub, models.tts().defaultVoice(),
        System::nanoTime);
  }

  /** The voice turn, stage by stage, for one client's session. */
  private Pipeline pipeline(ClientOutput output, Consumer<Frame> errors, String client) {
    var brainSettings = new BrainStage.Settings(config.brain().zone(), config.brain().contextEvents(),
        config.brain().deadlineMillis(), client);
    return Pipeline.builder()
        .add(new SttStage(models.stt(), config.stt().maxUtteranceMillis(), keepAudio), threads.stt)
        .add(new BrainStage(brain, store, clock, brainSettings), threads.brain)
        .addInline(new SentenceStage())
        .add(new TtsStage(models.tts(), config.tts().leadMillis(), System::nanoTime), threads.tts)
        .add(output, threads.output)
        .addInline(new HistoryStage(store, clock))
        .add(output.turnEnd(), threads.output) // turn_done only once the reply is committed
        .build(errors, frame -> {});
  }
}
