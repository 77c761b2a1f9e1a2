package dev.hearth.speech;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.brain.intent.GrammarPhrases;
import dev.hearth.brain.intent.TranscriptChoice;
import dev.hearth.brain.skills.Skills;
import dev.hearth.stt.SpeechToText;
import dev.hearth.stt.SttException;
import dev.hearth.stt.VoskRecognizer;
import dev.hearth.stt.VoskResult;
import dev.hearth.stt.VoskSpeechToText;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listening for a voice turn with two recognizers on the same audio: open recognition (the full model, with its
 * alternatives, whose partial transcripts the person sees) and restricted recognition (a grammar written from the
 * skills' templates, which hears only commands, and so hears them better through an accent or noise). On release a
 * {@link TranscriptChoice} decides which transcript the turn goes on with; the grammar hears the kept audio only when
 * open recognition heard no sure command, so most turns cost one recognition. The grammar's recognizers are compiled
 * once (the first on a thread of its own after warm-up) and kept for later turns.
 */
public final class CommandListening implements SpeechToText {
  private static final Logger log = LoggerFactory.getLogger(CommandListening.class);
  private final VoskSpeechToText vosk;
  /** The restricted recognizer's phrases, asked for when the first one is compiled (not on the start path). */
  private final Supplier<List<String>> grammar;
  private final TranscriptChoice choice;
  /**
   * How many readings each recognizer gives: the best and the next ones, which may be the command. Ten rather than
   * three answers more requests as meant for every voice of the command corpus and takes no open question
   * (docs/benchmarks.md); twenty adds almost nothing more.
   */
  public static final int ALTERNATIVES = 10;
  /** The restricted recognizer is fed the kept audio in pieces of this size (100 ms at 16 kHz). */
  private static final int FEED_BYTES = 3_200;
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
    this(vosk, () -> grammar, choice);
    List.copyOf(grammar); // fails now, not at the first turn, on a null phrase
  }

  private CommandListening(VoskSpeechToText vosk, Supplier<List<String>> grammar, TranscriptChoice choice) {
    this.vosk = vosk;
    this.grammar = grammar;
    this.choice = choice;
  }

  /**
   * Listening for the built-in skills' commands: their templates' grammar, chosen from as {@link TranscriptChoice}
   * says, leaning on the grammar ({@link TranscriptChoice#COMMANDS_ONLY}) when {@code onlyCommands}: no language model
   * and no OpenAI key, so what is no command cannot be answered anyway.
   */
  public static CommandListening forSkills(VoskSpeechToText vosk, boolean onlyCommands) {
    Skills skills = Skills.withoutTimers();
    return new CommandListening(vosk, () -> SkillsGrammar.PHRASES, new TranscriptChoice(skills::understand,
        onlyCommands ? TranscriptChoice.COMMANDS_ONLY : TranscriptChoice.SIMILAR));
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

  /** The grammar's readings of {@code pcm16k} ({@link VoskResult#readings}), on a restricted recognizer borrowed for it. */
  private List<String> restrictedReadings(byte[] pcm16k) throws SttException {
    VoskRecognizer r = restricted();
    boolean ok = false;
    try {
      List<VoskResult> results = new ArrayList<>();
      // not closed: that would free the recognizer, which goes back among the idle ones instead
      new Listening(r, FEED_BYTES).finish(new AudioChunk(AudioFormat.STT, pcm16k), results::add);
      r.reset();
      ok = true;
      return VoskResult.readings(results);
    } finally {
      if (ok) giveBack(r);
      else r.close();
    }
  }

  /**
   * One utterance: open recognition as it is spoken, and its audio kept, for the grammar to hear on release when
   * open recognition heard no sure command (a turn whose command was heard, or that is plainly no command, pays for
   * one recognition only).
   */
  private final class Both implements Session {
    private final VoskRecognizer open;
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    /** Utterances open recognition closed at pauses; the transcript is these and the rest. */
    private final StringBuilder openDone = new StringBuilder();
    private String lastPartial = "";
    private int bytesSincePartial;
    private boolean guessed;

    Both(VoskRecognizer open) {
      this.open = open;
    }

    @Override
    public Optional<String> accept(byte[] pcm16k) throws SttException {
      audio.writeBytes(pcm16k);
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
            return restrictedReadings(audio.toByteArray());
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
      open.close();
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
