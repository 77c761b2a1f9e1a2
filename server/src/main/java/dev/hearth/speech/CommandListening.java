package dev.hearth.speech;

import dev.hearth.brain.intent.GrammarPhrases;
import dev.hearth.brain.intent.TranscriptChoice;
import dev.hearth.brain.skills.Skills;
import dev.hearth.stt.SpeechToText;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskResult;
import dev.hearth.stt.VoskSpeechToText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listening for a voice turn with two recognizers on the same audio: open recognition (the full model, with its
 * alternatives, whose partial transcripts the person sees) and restricted recognition (a grammar written from the
 * skills' templates, which hears only commands, and so hears them better through an accent or noise). On release a
 * {@link TranscriptChoice} decides which transcript the turn goes on with; the grammar's readings are asked for only
 * when open recognition heard no sure command, so most turns cost one recognition, unless spare time let the grammar
 * hear the utterance as it was spoken ({@link GrammarAhead}). The grammar's recognizers are compiled
 * once (the first on a thread of its own after warm-up) and kept for later turns.
 */
public final class CommandListening implements SpeechToText {
  private static final Logger log = LoggerFactory.getLogger(CommandListening.class);
  private final VoskSpeechToText vosk;
  /** The restricted recognizer's phrases, asked for when the first one is compiled (not on the start path). */
  private final Supplier<List<String>> grammar;
  private final TranscriptChoice choice;
  /** Whether the recognition threads have nothing waiting: then the grammar keeps up with the person. */
  private final BooleanSupplier spare;
  /**
   * Utterances being listened to now. The grammar hears ahead only while one is: with several people speaking at once
   * the recognition threads have no spare time to give, only lulls, and work done in a lull holds up the next frames.
   */
  private final AtomicInteger listening = new AtomicInteger();
  /**
   * How many readings each recognizer gives: the best and the next ones, which may be the command. Ten rather than
   * three answers more requests as meant for every voice of the command corpus and takes no open question
   * (docs/benchmarks.md); twenty adds almost nothing more.
   */
  public static final int ALTERNATIVES = 10;
  /** The restricted recognizer is fed the kept audio in pieces of this size (100 ms at 16 kHz). */
  private static final int FEED_BYTES = 3_200;
  /** The most audio the grammar catches up on per piece of audio heard, in spare time (200 ms at 16 kHz). */
  private static final int AHEAD_BYTES = 2 * FEED_BYTES;
  /** Partial results cost a lattice search: look at most once per this much audio (100 ms at 16 kHz). */
  private static final int PARTIAL_EVERY_BYTES = 3_200;
  private final ConcurrentLinkedQueue<VoskRecognizer> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;
  /** The thread compiling a restricted recognizer at warm-up, if any. */
  private volatile Thread preparing;

  /**
   * @param grammar the restricted recognizer's phrases (see {@code GrammarPhrases}), {@code "[unk]"} among them
   * @param choice how the turn's words are chosen from the two transcripts
   */
  public CommandListening(VoskSpeechToText vosk, List<String> grammar, TranscriptChoice choice) {
    this(vosk, () -> grammar, choice, () -> false);
    List.copyOf(grammar); // fails now, not at the first turn, on a null phrase
  }

  private CommandListening(VoskSpeechToText vosk, Supplier<List<String>> grammar, TranscriptChoice choice,
      BooleanSupplier spare) {
    this.vosk = vosk;
    this.grammar = grammar;
    this.choice = choice;
    this.spare = spare;
  }

  /**
   * Listening for the built-in skills' commands: their templates' grammar, chosen from as {@link TranscriptChoice}
   * says, leaning on the grammar ({@link TranscriptChoice#COMMANDS_ONLY}) when {@code onlyCommands}: no language model
   * and no OpenAI key, so what is no command cannot be answered anyway.
   */
  public static CommandListening forSkills(VoskSpeechToText vosk, boolean onlyCommands) {
    return forSkills(vosk, onlyCommands, () -> false);
  }

  /**
   * {@link #forSkills(VoskSpeechToText, boolean)}, whose grammar hears each utterance as it is spoken whenever
   * {@code spare} says the recognition threads have nothing waiting ({@link GrammarAhead}), rather than all on release.
   * The app gives it spare time only when a language model answers what is no command (see {@code app/Models}).
   */
  public static CommandListening forSkills(VoskSpeechToText vosk, boolean onlyCommands, BooleanSupplier spare) {
    Skills skills = Skills.withoutTimers();
    return new CommandListening(vosk, () -> SkillsGrammar.PHRASES, new TranscriptChoice(skills::understand,
        onlyCommands ? TranscriptChoice.COMMANDS_ONLY : TranscriptChoice.SIMILAR), spare);
  }

  /**
   * The skills' grammar, written once per process (the templates do not change while it runs), when a restricted
   * recognizer is first compiled: on the grammar's own thread after warm-up, not on the start path.
   */
  private static final class SkillsGrammar {
    static final List<String> PHRASES = phrases();

    private static List<String> phrases() {
      List<String> grammar = new ArrayList<>(GrammarPhrases.of(Skills.withoutTimers().matcher()));
      grammar.add("[unk]"); // what the grammar hears for anything else
      return List.copyOf(grammar);
    }
  }

  @Override
  public String modelName() {
    return vosk.modelName();
  }

  @Override
  public Session open() throws SttException {
    return new Both(vosk.recognizer(new VoskRecognizer.Options(false, ALTERNATIVES, Optional.empty())));
  }

  /**
   * Warms the open recognizers, and starts compiling the grammar into one restricted recognizer on a thread of its
   * own (about half a second), so start-up does not wait for it; a turn that needs the grammar before it is ready
   * compiles its own.
   */
  @Override
  public void warmUp(byte[] pcm16k, int sessions) throws SttException {
    vosk.warmUp(pcm16k, sessions);
    Thread compile = new Thread(() -> {
      try {
        giveBack(restricted());
      } catch (SttException | RuntimeException e) {
        log.warn("Could not compile the skills' grammar ahead of the first turn: {}", e.toString());
      }
    }, "hearth-grammar");
    compile.setDaemon(true);
    preparing = compile;
    compile.start();
  }

  /** Frees the restricted recognizers; waits for one being compiled, as the model must outlive it. */
  @Override
  public void close() {
    closed = true;
    Thread compiling = preparing;
    if (compiling != null) {
      try {
        compiling.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    VoskRecognizer r;
    while ((r = idle.poll()) != null) r.close();
  }

  private VoskRecognizer restricted() throws SttException {
    VoskRecognizer r = idle.poll();
    return r != null ? r : vosk.recognizer(new VoskRecognizer.Options(false, ALTERNATIVES, Optional.of(grammar.get())));
  }

  private void giveBack(VoskRecognizer r) {
    if (closed) {
      r.close();
      return;
    }
    idle.add(r);
    if (closed && idle.remove(r)) r.close(); // closed meanwhile
  }

  /** How much of a session's utterance the grammar has heard so far (for tests). */
  static int grammarHeardBytes(Session session) {
    return ((Both) session).grammarHeardBytes();
  }

  /**
   * One utterance: open recognition as it is spoken, and its audio kept, for the grammar to hear when open recognition
   * heard no sure command: ahead, while the recognition threads have nothing else to do, and the rest on release.
   */
  private final class Both implements Session {
    private final VoskRecognizer open;
    private final GrammarAhead.Kept audio = new GrammarAhead.Kept();
    private final GrammarAhead restricted = new GrammarAhead(new GrammarAhead.Recognizers() {
      @Override
      public VoskRecognizer borrow() throws SttException {
        return restricted();
      }

      @Override
      public void giveBack(VoskRecognizer recognizer) {
        CommandListening.this.giveBack(recognizer);
      }
    }, FEED_BYTES);
    /** Utterances open recognition closed at pauses; the transcript is these and the rest. */
    private final StringBuilder openDone = new StringBuilder();
    private String lastPartial = "";
    private int bytesSincePartial;
    private boolean guessed;
    private boolean ended;

    Both(VoskRecognizer open) {
      this.open = open;
      listening.incrementAndGet();
    }

    @Override
    public Optional<String> accept(byte[] pcm16k) throws SttException {
      audio.writeBytes(pcm16k);
      Optional<String> partial = openPartial(pcm16k);
      if (listening.get() == 1 && spare.getAsBoolean()) restricted.keepUp(audio, AHEAD_BYTES);
      return partial;
    }

    private Optional<String> openPartial(byte[] pcm16k) throws SttException {
      if (open.accept(pcm16k)) {
        append(openDone, VoskResult.parse(open.result()).text());
        bytesSincePartial = PARTIAL_EVERY_BYTES; // a segment just closed: report it now
      } else {
        bytesSincePartial += pcm16k.length;
      }
      if (bytesSincePartial < PARTIAL_EVERY_BYTES) return Optional.empty();
      bytesSincePartial = 0;
      String partial = join(openDone, VoskResult.partial(open.partialResult()));
      if (partial.equals(lastPartial)) return Optional.empty();
      lastPartial = partial;
      return Optional.of(partial);
    }

    @Override
    public String finish() throws SttException {
      VoskResult last = VoskResult.parse(open.finalResult());
      List<String> heard = new ArrayList<>();
      heard.add(join(openDone, last.text()));
      last.alternatives().stream().skip(1).map(a -> join(openDone, a.text())).forEach(heard::add);
      try {
        TranscriptChoice.Choice chosen = choice.choose(heard, () -> {
          try {
            return restricted.readings(audio);
          } catch (SttException e) {
            throw new RestrictedFailed(e);
          }
        });
        guessed = chosen.guessed();
        return chosen.text();
      } catch (RestrictedFailed e) {
        throw e.cause;
      }
    }

    @Override
    public boolean guessed() {
      return guessed;
    }

    @Override
    public void close() {
      if (ended) return;
      ended = true;
      listening.decrementAndGet();
      open.close();
      restricted.close();
    }

    /** How much of the utterance the grammar has heard (for tests). */
    int grammarHeardBytes() {
      return restricted.heardBytes();
    }
  }

  /** Carries a restricted recognition's failure out of the choice. */
  private static final class RestrictedFailed extends RuntimeException {
    final SttException cause;

    RestrictedFailed(SttException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }

  private static void append(StringBuilder done, String text) {
    if (text.isEmpty()) return;
    if (done.length() > 0) done.append(' ');
    done.append(text);
  }

  private static String join(CharSequence done, String rest) {
    if (done.length() == 0) return rest;
    return rest.isEmpty() ? done.toString() : done + " " + rest;
  }
}
