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

/**
 * Listening for a voice turn with two recognizers on the same audio: open recognition (the full model, whose partial
 * transcripts the person sees) and restricted recognition (a grammar written from the skills' templates, which hears
 * only commands, and so hears them better through an accent or noise). On release a {@link TranscriptChoice} decides
 * which transcript the turn goes on with. The grammar's recognizers are compiled once and kept for later turns.
 */
public final class CommandListening implements SpeechToText {
  private final VoskSpeechToText vosk;
  private final List<String> grammar;
  private final TranscriptChoice choice;
  /** How many readings open recognition gives: the best and the next ones, which may be the command. */
  private static final int ALTERNATIVES = 3;
  /** Partial results cost a lattice search: look at most once per this much audio (100 ms at 16 kHz). */
  private static final int PARTIAL_EVERY_BYTES = 3_200;
  private final ConcurrentLinkedQueue<VoskRecognizer> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  /**
   * @param grammar the restricted recognizer's phrases (see {@code GrammarPhrases}), {@code "[unk]"} among them
   * @param choice how the turn's words are chosen from the two transcripts
   */
  public CommandListening(VoskSpeechToText vosk, List<String> grammar, TranscriptChoice choice) {
    this.vosk = vosk;
    this.grammar = List.copyOf(grammar);
    this.choice = choice;
  }

  /** Listening for the built-in skills' commands: their templates' grammar, chosen from as {@link TranscriptChoice} says. */
  public static CommandListening forSkills(VoskSpeechToText vosk) {
    Skills skills = Skills.withoutTimers();
    List<String> grammar = new ArrayList<>(GrammarPhrases.of(skills.matcher()));
    grammar.add("[unk]"); // what the grammar hears for anything else
    return new CommandListening(vosk, grammar, new TranscriptChoice(skills::understand, TranscriptChoice.SIMILAR));
  }

  @Override
  public String modelName() {
    return vosk.modelName();
  }

  @Override
  public Session open() throws SttException {
    VoskRecognizer open = vosk.recognizer(new VoskRecognizer.Options(false, ALTERNATIVES, Optional.empty()));
    try {
      return new Both(open, restricted());
    } catch (SttException | RuntimeException e) {
      open.close();
      throw e;
    }
  }

  /** Warms the open recognizers, and compiles the grammar into {@code sessions} restricted ones. */
  @Override
  public void warmUp(byte[] pcm16k, int sessions) throws SttException {
    vosk.warmUp(pcm16k, sessions);
    List<VoskRecognizer> made = new ArrayList<>();
    for (int i = 0; i < sessions; i++) made.add(restricted());
    made.forEach(idle::add);
  }

  @Override
  public void close() {
    closed = true;
    VoskRecognizer r;
    while ((r = idle.poll()) != null) r.close();
  }

  private VoskRecognizer restricted() throws SttException {
    VoskRecognizer r = idle.poll();
    return r != null ? r : vosk.recognizer(new VoskRecognizer.Options(false, 0, Optional.of(grammar)));
  }

  private void giveBack(VoskRecognizer r) {
    if (closed) {
      r.close();
      return;
    }
    idle.add(r);
    if (closed && idle.remove(r)) r.close(); // closed meanwhile
  }

  /** One utterance on both recognizers. */
  private final class Both implements Session {
    private final VoskRecognizer open;
    private VoskRecognizer restricted;
    /** Utterances each recognizer closed at pauses; the transcripts are these and the rest. */
    private final StringBuilder openDone = new StringBuilder();
    private final StringBuilder restrictedDone = new StringBuilder();
    private String lastPartial = "";
    private int bytesSincePartial;
    private boolean failed;

    Both(VoskRecognizer open, VoskRecognizer restricted) {
      this.open = open;
      this.restricted = restricted;
    }

    @Override
    public Optional<String> accept(byte[] pcm16k) throws SttException {
      try {
        if (restricted.accept(pcm16k)) append(restrictedDone, VoskResult.parse(restricted.result()).text());
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
      } catch (SttException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public String finish() throws SttException {
      try {
        VoskResult last = VoskResult.parse(open.finalResult());
        List<String> heard = new ArrayList<>();
        heard.add(join(openDone, last.text()));
        last.alternatives().stream().skip(1).map(a -> join(openDone, a.text())).forEach(heard::add);
        String restrictedText = join(restrictedDone, VoskResult.parse(restricted.finalResult()).text());
        restricted.reset();
        return choice.choose(new TranscriptChoice.Heard(heard, restrictedText)).text();
      } catch (SttException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void close() {
      open.close();
      if (restricted == null) return;
      VoskRecognizer r = restricted;
      restricted = null;
      if (failed) {
        r.close();
        return;
      }
      try {
        r.reset(); // an utterance ended early (cancel, barge-in) is forgotten before the next turn
        giveBack(r);
      } catch (SttException e) {
        r.close();
      }
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
