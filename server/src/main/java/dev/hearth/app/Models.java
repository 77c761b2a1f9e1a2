package dev.hearth.app;

import dev.hearth.audio.PcmConverter;
import dev.hearth.brain.ChatModel;
import dev.hearth.config.HearthConfig;
import dev.hearth.llm.LlmSettings;
import dev.hearth.llm.LocalChatModel;
import dev.hearth.llm.hub.ModelRegistry;
import dev.hearth.speech.SpeechLoop;
import dev.hearth.speech.CommandListening;
import dev.hearth.stt.SpeechToText;
import dev.hearth.stt.VoskSpeechToText;
import dev.hearth.tts.MaryTextToSpeech;
import dev.hearth.tts.TextToSpeech;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The heavy models, loaded once at start-up in parallel on the threads that will use them, shared by every front end
 * and closed with the server: Vosk, MaryTTS (unless speech was given) and the local LLM ({@code llm.model}, unless a
 * model was given; none when none is chosen).
 */
final class Models implements AutoCloseable {
  private final HearthConfig config;
  private final Clock clock;
  private final Threads threads;
  private CompletableFuture<VoskSpeechToText> sttLoad;
  private CompletableFuture<TextToSpeech> ttsLoad;
  private CompletableFuture<LocalChatModel> llmLoad;
  private VoskSpeechToText stt;
  /** Voice turns' listening: {@link #stt} with the skills' grammar beside it ({@code stt.command_grammar}), or alone. */
  private SpeechToText turnStt;
  private TextToSpeech tts;
  private ChatModel chat;
  /** The model loaded here (and closed here), as opposed to one given. */
  private LocalChatModel own;

  Models(HearthConfig config, Clock clock, Threads threads) {
    this.config = config;
    this.clock = clock;
    this.threads = threads;
  }

  /** Speaks with {@code speech} instead of loading MaryTTS; closed with the others. */
  void give(TextToSpeech speech) {
    this.tts = speech;
  }

  /** Answers with {@code model} instead of loading the one {@code llm.model} names; not closed here. */
  void give(ChatModel model) {
    this.chat = model;
  }

  /** Begins loading; throws at once when {@code llm.model} names neither an installed model nor a checkpoint folder. */
  void beginLoading() throws Exception {
    sttLoad = async(() -> VoskSpeechToText.load(config.stt().modelDir(), new VoskSpeechToText.Pool(
        config.stt().recognizerPool(), config.stt().recognizerPoolMax(), config.stt().recognizerIdleSeconds() * 1_000)), threads.stt);
    ttsLoad = tts != null ? CompletableFuture.completedFuture(tts)
        : async(() -> MaryTextToSpeech.start(config.tts().voice(), config.tts().sampleRateHz()), threads.tts);
    llmLoad = chat != null ? null : new ModelRegistry(config.store().dataDir()).chosen(config.llm().model())
        .map(found -> async(() -> LocalChatModel.load(found.name(), found.folder(), LlmSettings.of(config.llm()),
            clock), threads.brain))
        .orElse(null);
  }

  /** Waits for the models begun by {@link #beginLoading}; throws the first one's failure. */
  void await() throws Exception {
    stt = await(sttLoad);
    boolean onlyCommands = chat == null && llmLoad == null && !config.openai().enabled();
    // the grammar hears ahead only when a model answers what is no command: there its release pass (most of release ->
    // final transcript for a twelve-word question) stands before the model's first token; with commands only it cost
    // eight clients more than it saved (docs/benchmarks.md, issue 18)
    BooleanSupplier spare = onlyCommands ? () -> false : threads.stt::nothingWaiting;
    turnStt = config.stt().commandGrammar() ? CommandListening.forSkills(stt, onlyCommands, spare) : stt;
    tts = await(ttsLoad);
    if (llmLoad != null) chat = own = await(llmLoad);
  }

  VoskSpeechToText stt() {
    return stt;
  }

  /** What voice turns listen with: open recognition, and the skills' grammar beside it unless turned off. */
  SpeechToText turnStt() {
    return turnStt;
  }

  TextToSpeech tts() {
    return tts;
  }

  /** The local language model, or null when there is none. */
  ChatModel chat() {
    return chat;
  }

  /**
   * Speaks a phrase with the default voice and recognizes it on a few recognizers, so the first turns find MaryTTS
   * warm and warm recognizers in the pool.
   */
  void warmUp() throws Exception {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    PcmConverter converter = new PcmConverter(tts.outputFormat(), 16_000);
    SpeechLoop.speakNow(tts, List.of("What time is it? Set a timer for five minutes."), tts.defaultVoice(),
        chunk -> pcm.writeBytes(converter.convert(chunk.pcm()).pcm()));
    pcm.writeBytes(converter.flush().pcm());
    turnStt.warmUp(pcm.toByteArray(), Math.max(2, config.stt().threads()));
  }

  /** Frees the models loaded (and the speech given); safe before, during and after loading. */
  @Override
  public void close() {
    if (turnStt != null && turnStt != stt) turnStt.close();
    if (stt != null) stt.close();
    if (tts != null) tts.close();
    if (own != null) own.close();
  }

  private static <T> CompletableFuture<T> async(Callable<T> work, Executor pool) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return work.call();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, pool);
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
